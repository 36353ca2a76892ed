package dev.ktrdr.research.data;

import java.util.List;
import java.util.Objects;

/**
 * A named series of bars of one symbol at one timeframe, sorted by time with no two bars at the
 * same time (the constructor checks it, so every {@code Dataset} in the program is well formed).
 *
 * @param id a short stable id such as {@code btcusd-5m}
 * @param source where the bars came from (a bundled resource, an imported file)
 */
public record Dataset(
    String id, String symbol, Timeframe timeframe, String source, List<Bar> bars) {
  public Dataset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(timeframe, "timeframe");
    Objects.requireNonNull(source, "source");
    bars = List.copyOf(bars);
    if (bars.isEmpty()) {
      throw new IllegalArgumentException("dataset " + id + " has no bars");
    }
    for (int i = 1; i < bars.size(); i++) {
      if (!bars.get(i).time().isAfter(bars.get(i - 1).time())) {
        throw new IllegalArgumentException(
            "dataset " + id + ": bars must be in strictly increasing time order (bar " + i + ")");
      }
    }
  }

  /** Id, symbol, timeframe, source, first and last bar, bar count. */
  public DatasetSummary summary() {
    return new DatasetSummary(
        id,
        symbol,
        timeframe.label(),
        source,
        bars.get(0).time(),
        bars.get(bars.size() - 1).time(),
        bars.size());
  }

  /** The number of bars. */
  public int size() {
    return bars.size();
  }

  /** The same dataset cut to the bars {@code [from, to)}, for tests and small runs. */
  public Dataset slice(int from, int to) {
    return new Dataset(id, symbol, timeframe, source, bars.subList(from, to));
  }
}
