package dev.ktrdr.research.features;

import dev.ktrdr.research.data.Bar;
import java.util.List;

/** What the model learns to predict. */
public final class Labels {
  /** Marks a bar whose label lies beyond the data. */
  public static final int UNKNOWN = -1;

  private Labels() {}

  /**
   * The direction of the return over the next {@code horizon} bars: 1 if {@code close[t + horizon]
   * > close[t]}, else 0; {@link #UNKNOWN} where {@code t + horizon} is past the end. Callers that
   * train on a part of the data pass only that part, so no label reads beyond it.
   */
  public static int[] direction(List<Bar> bars, int horizon) {
    int n = bars.size();
    int[] y = new int[n];
    for (int t = 0; t < n; t++) {
      y[t] =
          t + horizon < n ? (bars.get(t + horizon).close() > bars.get(t).close() ? 1 : 0) : UNKNOWN;
    }
    return y;
  }
}
