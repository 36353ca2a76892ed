package dev.ktrdr.research.strategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model and how to fit it: mini-batch gradient descent with Adam on the cross-entropy loss.
 *
 * @param hiddenUnits width of the hidden layer ({@link ModelType#MLP} only; 0 otherwise)
 * @param l2 weight decay added to the loss
 */
public record ModelSpec(
    ModelType type, int epochs, double learningRate, int batchSize, double l2, int hiddenUnits) {
  static final ParamDef EPOCHS = ParamDef.integer("epochs", 1, 2000, 150);
  static final ParamDef LEARNING_RATE = ParamDef.number("learning_rate", 0.0001, 1.0, 0.01);
  static final ParamDef BATCH_SIZE = ParamDef.integer("batch_size", 8, 1024, 32);
  static final ParamDef L2 = ParamDef.number("l2", 0.0, 1.0, 0.001);
  static final ParamDef HIDDEN_UNITS = ParamDef.integer("hidden_units", 2, 64, 8);

  /** The hyper-parameters every model has, in JSON order. */
  static List<ParamDef> common() {
    return List.of(EPOCHS, LEARNING_RATE, BATCH_SIZE, L2);
  }

  /** A logistic regression with default hyper-parameters but {@code epochs}. */
  public static ModelSpec logistic(int epochs) {
    return new ModelSpec(
        ModelType.LOGISTIC_REGRESSION,
        epochs,
        LEARNING_RATE.defaultValue(),
        (int) BATCH_SIZE.defaultValue(),
        L2.defaultValue(),
        0);
  }

  /** A one-hidden-layer network with default hyper-parameters but {@code epochs} and width. */
  public static ModelSpec mlp(int epochs, int hiddenUnits) {
    return new ModelSpec(
        ModelType.MLP,
        epochs,
        LEARNING_RATE.defaultValue(),
        (int) BATCH_SIZE.defaultValue(),
        L2.defaultValue(),
        hiddenUnits);
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type.wireName());
    m.put("epochs", epochs);
    m.put("learning_rate", learningRate);
    m.put("batch_size", batchSize);
    m.put("l2", l2);
    if (type == ModelType.MLP) {
      m.put("hidden_units", hiddenUnits);
    }
    return m;
  }
}
