package dev.ktrdr.workers.local;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.backtest.BacktestResult;
import dev.ktrdr.research.backtest.ModelBacktest;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.model.FittedModel;
import dev.ktrdr.research.strategy.StrategySpec;
import java.util.List;
import java.util.Map;

/**
 * The backtest phase as a job that any worker can run: trades the fitted model's signals on the
 * out-of-sample part of the dataset ({@link ModelBacktest}) and returns the JSON-ready map a
 * backtesting operation stores, with at most {@value #MAX_TRADES} trades (the metrics count all of
 * them; {@code trades_omitted} says how many were left out). Nothing is returned when cancelled.
 */
public final class BacktestJob {
  /**
   * Trades kept in a stored result: a 5-minute strategy can trade thousands of times, and every
   * trade is a JSON object in the database and in every reply that carries the result.
   */
  public static final int MAX_TRADES = 200;

  private BacktestJob() {}

  /**
   * Backtests {@code model} under {@code spec} on {@code dataset}.
   *
   * @throws dev.ktrdr.research.NotEnoughDataException if the out-of-sample part is too short
   * @throws IllegalArgumentException if the model does not fit the spec's features
   * @throws dev.ktrdr.research.ResearchCancelledException once {@code cancel} is raised
   */
  public static Map<String, Object> run(
      Dataset dataset,
      StrategySpec spec,
      FittedModel model,
      double commission,
      CancelSignal cancel,
      JobProgress progress) {
    progress.report(10, "Simulating trades on " + dataset.id() + " (out of sample)");
    BacktestResult result = ModelBacktest.run(dataset, spec, model, commission, cancel);
    cancel.check();
    progress.report(100, "Simulated " + result.totalTrades() + " trades");
    return capTrades(result.toMap());
  }

  /** {@code result} with at most {@link #MAX_TRADES} trades, the first ones. */
  public static Map<String, Object> capTrades(Map<String, Object> result) {
    Object trades = result.get(BacktestResult.TRADES);
    if (trades instanceof List<?> list && list.size() > MAX_TRADES) {
      result.put(BacktestResult.TRADES, List.copyOf(list.subList(0, MAX_TRADES)));
      result.put("trades_omitted", list.size() - MAX_TRADES);
    }
    return result;
  }
}
