package dev.ktrdr.research.model;

import dev.ktrdr.research.strategy.ModelType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model: what it reads (feature names, their scaling) and its parameters. It travels as
 * {@link #toMap()} inside the training result, so a backtest in another process rebuilds it with
 * {@link #fromMap}.
 */
public final class FittedModel {
  private final ModelType type;
  private final List<String> features;
  private final Standardizer scaling;
  private final Network network;
  private final double[] parameters;

  FittedModel(
      ModelType type,
      List<String> features,
      Standardizer scaling,
      int hidden,
      double[] parameters) {
    this.type = type;
    this.features = List.copyOf(features);
    this.scaling = scaling;
    this.network = new Network(type, features.size(), hidden);
    this.parameters = parameters.clone();
    if (parameters.length != network.parameterCount()) {
      throw new IllegalArgumentException(
          "model has "
              + parameters.length
              + " parameters; a "
              + type.wireName()
              + " with these features needs "
              + network.parameterCount());
    }
  }

  public ModelType type() {
    return type;
  }

  /** The names of the features the model reads, in order. */
  public List<String> features() {
    return features;
  }

  /** The probability that the price is higher after the label's horizon, given raw features. */
  public double probability(double[] rawFeatures) {
    return network.predict(parameters, scaling.apply(rawFeatures));
  }

  /**
   * {@code {"type", "features", "hidden_units", "mean", "std", "parameters"}}: everything needed to
   * rebuild the model.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type.wireName());
    m.put("features", features);
    m.put("hidden_units", network.hidden());
    m.put("mean", list(scaling.mean()));
    m.put("std", list(scaling.std()));
    m.put("parameters", list(parameters));
    return m;
  }

  /**
   * Rebuilds a model from {@link #toMap()}.
   *
   * @throws IllegalArgumentException naming what is missing or inconsistent
   */
  @SuppressWarnings("unchecked")
  public static FittedModel fromMap(Map<String, Object> m) {
    try {
      ModelType type = ModelType.fromWire((String) m.get("type"));
      if (type == null) {
        throw new IllegalArgumentException("unknown model type " + m.get("type"));
      }
      List<String> features = (List<String>) m.get("features");
      double[] mean = array((List<Number>) m.get("mean"));
      double[] std = array((List<Number>) m.get("std"));
      if (features == null || mean.length != features.size() || std.length != features.size()) {
        throw new IllegalArgumentException("features, mean and std must have the same length");
      }
      int hidden = ((Number) m.getOrDefault("hidden_units", 0)).intValue();
      return new FittedModel(
          type,
          features,
          new Standardizer(mean, std),
          hidden,
          array((List<Number>) m.get("parameters")));
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("not a fitted model: " + e.getMessage(), e);
    }
  }

  private static List<Double> list(double[] a) {
    List<Double> out = new ArrayList<>(a.length);
    for (double v : a) {
      out.add(v);
    }
    return out;
  }

  private static double[] array(List<Number> l) {
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i).doubleValue();
    }
    return a;
  }
}
