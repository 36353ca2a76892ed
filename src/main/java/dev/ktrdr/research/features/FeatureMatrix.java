package dev.ktrdr.research.features;

import java.util.List;

/**
 * Feature values for every bar of a series: {@code values[t]} holds the features known at bar
 * {@code t}'s close, computed from bars {@code 0..t} only. Rows before {@code warmup} are computed
 * but not trustworthy (the indicators are still filling their windows).
 */
public record FeatureMatrix(List<String> names, double[][] values, int warmup) {
  public FeatureMatrix {
    names = List.copyOf(names);
  }

  /** The number of bars. */
  public int rows() {
    return values.length;
  }

  /** The features of bar {@code t}. */
  public double[] row(int t) {
    return values[t];
  }
}
