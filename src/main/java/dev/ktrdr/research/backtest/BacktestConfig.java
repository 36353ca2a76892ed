package dev.ktrdr.research.backtest;

import dev.ktrdr.research.strategy.PositionMode;

/**
 * How trades are simulated.
 *
 * @param commission fraction of the traded value paid on every fill, entry and exit alike
 * @param mode long-only, or long-short (a sell signal then reverses a long into a short)
 */
public record BacktestConfig(double commission, PositionMode mode) {
  /** The commission when none is given: 0.2 % of the traded value. */
  public static final double DEFAULT_COMMISSION = 0.002;

  public BacktestConfig {
    if (!(commission >= 0 && commission < 0.1)) {
      throw new IllegalArgumentException(
          "commission must be a fraction of the traded value from 0 to 0.1, got " + commission);
    }
    if (mode == null) {
      throw new IllegalArgumentException("position mode is missing");
    }
  }

  /** Long-only with the default commission. */
  public static BacktestConfig defaults() {
    return new BacktestConfig(DEFAULT_COMMISSION, PositionMode.LONG_ONLY);
  }
}
