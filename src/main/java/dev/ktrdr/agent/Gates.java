package dev.ktrdr.agent;

import dev.ktrdr.operations.GateRejection;
import java.util.Map;
import java.util.Optional;

/**
 * The quality gates after training and after backtesting (SPEC §3). A failed gate is not an error:
 * it sends the research to assessment with the rejection.
 */
public final class Gates {
  public static final double MIN_ACCURACY = 0.10;
  public static final double MAX_LOSS = 0.8;
  public static final double MIN_LOSS_DECREASE = -0.5;
  public static final double MIN_WIN_RATE = 0.10;
  public static final double MAX_DRAWDOWN = 0.4;
  public static final double MIN_SHARPE = -0.5;

  private Gates() {}

  /** The rejection for a training result, or empty when it passes. */
  public static Optional<GateRejection> training(Map<String, Object> r) {
    double accuracy = number(r, "accuracy");
    double finalLoss = number(r, "final_loss");
    double initialLoss = number(r, "initial_loss");
    if (accuracy < MIN_ACCURACY) {
      return reject(
          "training",
          "accuracy_below_threshold",
          String.format("accuracy %.3f < %.2f", accuracy, MIN_ACCURACY));
    }
    if (finalLoss > MAX_LOSS) {
      return reject(
          "training",
          "loss_too_high",
          String.format("final loss %.3f > %.2f", finalLoss, MAX_LOSS));
    }
    double decrease = initialLoss == 0 ? 0 : (initialLoss - finalLoss) / initialLoss;
    if (decrease < MIN_LOSS_DECREASE) {
      return reject(
          "training",
          "insufficient_loss_decrease",
          String.format("loss decrease %.3f < %.2f", decrease, MIN_LOSS_DECREASE));
    }
    return Optional.empty();
  }

  /** The rejection for a backtest result, or empty when it passes. */
  public static Optional<GateRejection> backtest(Map<String, Object> r) {
    double winRate = number(r, "win_rate");
    double drawdown = number(r, "max_drawdown");
    double sharpe = number(r, "sharpe_ratio");
    if (winRate < MIN_WIN_RATE) {
      return reject(
          "backtest",
          "win_rate_too_low",
          String.format("win rate %.3f < %.2f", winRate, MIN_WIN_RATE));
    }
    if (drawdown > MAX_DRAWDOWN) {
      return reject(
          "backtest",
          "drawdown_too_high",
          String.format("max drawdown %.3f > %.2f", drawdown, MAX_DRAWDOWN));
    }
    if (sharpe < MIN_SHARPE) {
      return reject(
          "backtest", "sharpe_too_low", String.format("Sharpe %.3f < %.2f", sharpe, MIN_SHARPE));
    }
    return Optional.empty();
  }

  private static Optional<GateRejection> reject(String gate, String reason, String detail) {
    return Optional.of(new GateRejection(gate, reason, detail));
  }

  private static double number(Map<String, Object> r, String key) {
    Object v = r.get(key);
    if (!(v instanceof Number)) {
      throw new IllegalArgumentException("Result has no numeric '" + key + "'");
    }
    return ((Number) v).doubleValue();
  }
}
