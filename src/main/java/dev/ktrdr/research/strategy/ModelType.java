package dev.ktrdr.research.strategy;

import java.util.Locale;

/** The models a strategy can fit. */
public enum ModelType {
  /** Logistic regression: one linear layer and a sigmoid. */
  LOGISTIC_REGRESSION,
  /** A small neural network: one hidden tanh layer, then a sigmoid. */
  MLP;

  /** The JSON name: {@code logistic_regression} or {@code mlp}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type with JSON name {@code name}, or null. */
  public static ModelType fromWire(String name) {
    for (ModelType t : values()) {
      if (t.wireName().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
