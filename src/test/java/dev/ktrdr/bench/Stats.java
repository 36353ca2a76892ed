package dev.ktrdr.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Order statistics of a set of samples (nearest rank), in the samples' own unit. */
record Stats(int count, double p50, double p99, double max) {
  static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN);

  static Stats of(Collection<Double> samples) {
    if (samples.isEmpty()) {
      return EMPTY;
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    return new Stats(
        sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99), sorted.get(sorted.size() - 1));
  }

  private static double rank(List<Double> sorted, double p) {
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  boolean isEmpty() {
    return count == 0;
  }
}
