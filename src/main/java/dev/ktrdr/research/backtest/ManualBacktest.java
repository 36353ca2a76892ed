package dev.ktrdr.research.backtest;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.features.BarSeriesAdapter;
import dev.ktrdr.research.strategy.PositionMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One backtest by hand: a named {@link RuleStrategy} on a whole dataset, with the same engine and
 * conventions as a research's backtest phase. What {@code ktrdr backtest --dataset ID --strategy
 * sma_cross --param fast=10 --param slow=20 [--long-short] [--commission 0.002]} calls.
 */
public final class ManualBacktest {
  private ManualBacktest() {}

  /**
   * Runs {@code strategy} with {@code params} (text values, as typed) on all of {@code dataset}.
   *
   * @throws IllegalArgumentException naming an unknown strategy or parameter, or a bad value
   * @throws dev.ktrdr.research.ResearchCancelledException if {@code cancel} is raised
   */
  public static BacktestResult run(
      Dataset dataset,
      String strategy,
      Map<String, String> params,
      boolean longShort,
      double commission,
      CancelSignal cancel) {
    RuleStrategy s = RuleStrategy.fromWire(strategy == null ? "" : strategy.trim());
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown strategy '"
              + strategy
              + "' (known: "
              + String.join(
                  ", ", Arrays.stream(RuleStrategy.values()).map(RuleStrategy::wireName).toList())
              + ")");
    }
    Map<String, Double> numbers = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      try {
        numbers.put(e.getKey().trim(), Double.parseDouble(e.getValue().trim()));
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(
            "parameter " + e.getKey() + " must be a number, got '" + e.getValue() + "'");
      }
    }
    Map<String, Double> resolved = s.resolve(numbers);
    PositionMode mode = longShort ? PositionMode.LONG_SHORT : PositionMode.LONG_ONLY;
    BacktestConfig config = new BacktestConfig(commission, mode);
    int[] targets =
        s.targets(
            BarSeriesAdapter.toSeries(dataset.id(), dataset.bars(), dataset.timeframe()),
            resolved,
            mode);
    return BacktestEngine.run(dataset, targets, 0, config, cancel);
  }
}
