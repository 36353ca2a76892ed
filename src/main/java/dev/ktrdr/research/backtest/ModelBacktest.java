package dev.ktrdr.research.backtest;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.NotEnoughDataException;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.features.DataSplit;
import dev.ktrdr.research.features.FeatureEngine;
import dev.ktrdr.research.features.FeatureMatrix;
import dev.ktrdr.research.model.FittedModel;
import dev.ktrdr.research.strategy.PositionMode;
import dev.ktrdr.research.strategy.RulesSpec;
import dev.ktrdr.research.strategy.StrategySpec;

/**
 * The backtest phase of a research: the fitted model's signals traded on the out-of-sample part of
 * the dataset (the bars after the spec's {@code train_fraction}), by {@link BacktestEngine}.
 */
public final class ModelBacktest {
  private ModelBacktest() {}

  /**
   * Backtests {@code model} under {@code spec} on {@code dataset}.
   *
   * @param commission fraction of traded value per fill ({@link BacktestConfig#DEFAULT_COMMISSION})
   * @throws IllegalArgumentException if the model was trained on other features than the spec's
   * @throws NotEnoughDataException if the out-of-sample part is too short
   * @throws dev.ktrdr.research.ResearchCancelledException if {@code cancel} is raised
   */
  public static BacktestResult run(
      Dataset dataset,
      StrategySpec spec,
      FittedModel model,
      double commission,
      CancelSignal cancel) {
    DataSplit split = DataSplit.of(dataset.size(), spec.trainFraction());
    if (split.outOfSampleBars() < 2) {
      throw new NotEnoughDataException(
          "dataset " + dataset.id() + " has too few bars for an out-of-sample backtest");
    }
    // Features on the whole series: a value at bar t reads bars 0..t only, so the in-sample bars
    // merely warm the indicators up for the first out-of-sample bars.
    FeatureMatrix fm = FeatureEngine.compute(dataset.bars(), dataset.timeframe(), spec, cancel);
    if (!fm.names().equals(model.features())) {
      throw new IllegalArgumentException(
          "the model was trained on features "
              + model.features()
              + " but the strategy has "
              + fm.names());
    }
    int from = split.inSampleEnd();
    int[] targets = targets(model, fm, spec.rules(), spec.positionMode(), from, cancel);
    return BacktestEngine.run(
        dataset, targets, from, new BacktestConfig(commission, spec.positionMode()), cancel);
  }

  /**
   * Wanted positions from the model's probabilities, with the spec's thresholds: long at or above
   * the entry threshold, flat (long-only) or short (long-short) at or below the exit threshold,
   * unchanged in between. Flat before {@code from}.
   */
  static int[] targets(
      FittedModel model,
      FeatureMatrix fm,
      RulesSpec rules,
      PositionMode mode,
      int from,
      CancelSignal cancel) {
    int[] targets = new int[fm.rows()];
    int position = 0;
    for (int t = from; t < fm.rows(); t++) {
      if ((t - from) % 256 == 0) {
        cancel.check();
      }
      double p = model.probability(fm.row(t));
      if (p >= rules.entryThreshold()) {
        position = 1;
      } else if (p <= rules.exitThreshold()) {
        position = mode == PositionMode.LONG_SHORT ? -1 : 0;
      }
      targets[t] = position;
    }
    return targets;
  }
}
