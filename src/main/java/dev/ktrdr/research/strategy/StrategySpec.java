package dev.ktrdr.research.strategy;

import dev.ktrdr.research.ResearchJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a design produces and training and backtesting follow: which data, which indicators and
 * features, what the model predicts (the direction of the close {@code labelHorizon} bars ahead),
 * the model and its hyper-parameters, how predictions become positions, and the seed that makes the
 * whole research repeatable. Its JSON form is described by {@link StrategySpecSchema} and read by
 * {@link StrategySpecs#parse}.
 *
 * @param trainFraction the first part of the bars used for training (the rest is out of sample)
 */
public record StrategySpec(
    int version,
    String name,
    String dataset,
    List<IndicatorSpec> indicators,
    List<String> features,
    int labelHorizon,
    ModelSpec model,
    RulesSpec rules,
    PositionMode positionMode,
    double trainFraction,
    long seed) {
  /** The version of the spec format this program writes and reads. */
  public static final int VERSION = 1;

  public StrategySpec {
    indicators = List.copyOf(indicators);
    features = List.copyOf(features);
  }

  /** A feature resolved to its indicator and output. */
  public record FeatureRef(String name, IndicatorSpec indicator, String output) {}

  /**
   * The features resolved against the indicators.
   *
   * @throws SpecValidationException if a feature names no indicator or no output of it
   */
  public List<FeatureRef> featureRefs() {
    List<FeatureRef> refs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      String f = features.get(i);
      int dot = f.indexOf('.');
      String ind = dot < 0 ? f : f.substring(0, dot);
      IndicatorSpec spec = indicator(ind);
      if (spec == null) {
        problems.add(
            "$.features[" + i + "]: '" + f + "' names no indicator (have " + names() + ")");
        continue;
      }
      String output = dot < 0 ? spec.type().defaultOutput() : f.substring(dot + 1);
      if (!spec.type().outputs().contains(output)) {
        problems.add(
            "$.features["
                + i
                + "]: "
                + spec.type().wireName()
                + " has no output '"
                + output
                + "' (has "
                + spec.type().outputs()
                + ")");
        continue;
      }
      refs.add(new FeatureRef(f, spec, output));
    }
    if (!problems.isEmpty()) {
      throw new SpecValidationException(problems);
    }
    return refs;
  }

  /** The indicator called {@code name}, or null. */
  public IndicatorSpec indicator(String name) {
    for (IndicatorSpec s : indicators) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  private List<String> names() {
    return indicators.stream().map(IndicatorSpec::name).toList();
  }

  /** Bars needed before every feature is trustworthy. */
  public int warmup() {
    int w = 0;
    for (FeatureRef r : featureRefs()) {
      w = Math.max(w, r.indicator().warmup());
    }
    return w;
  }

  /** The same spec for another dataset. */
  public StrategySpec withDataset(String datasetId) {
    return new StrategySpec(
        version,
        name,
        datasetId,
        indicators,
        features,
        labelHorizon,
        model,
        rules,
        positionMode,
        trainFraction,
        seed);
  }

  /** The spec as JSON-ready maps and lists, in the shape of {@link StrategySpecSchema}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", version);
    m.put("name", name);
    m.put("dataset", dataset);
    m.put("indicators", indicators.stream().map(IndicatorSpec::toMap).toList());
    m.put("features", features);
    Map<String, Object> label = new LinkedHashMap<>();
    label.put("type", "direction");
    label.put("horizon", labelHorizon);
    m.put("label", label);
    m.put("model", model.toMap());
    m.put("rules", rules.toMap());
    m.put("position_mode", positionMode.wireName());
    m.put("train_fraction", trainFraction);
    m.put("seed", seed);
    return m;
  }

  /** The spec as indented JSON. */
  public String toJson() {
    return ResearchJson.writePretty(toMap());
  }
}
