package dev.ktrdr.workers.stub;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Plausible metrics for stub training and backtests. Normal results pass every gate; gate-fail
 * results fail them. Seeded by operation id so that one run reads the same everywhere.
 */
public final class StubResults {
  private StubResults() {}

  public static Map<String, Object> training(String operationId, boolean failGate) {
    Random r = new Random(operationId.hashCode());
    Map<String, Object> m = new LinkedHashMap<>();
    if (failGate) {
      m.put("accuracy", 0.05);
      m.put("final_loss", 0.95);
      m.put("initial_loss", 0.9);
    } else {
      m.put("accuracy", round(0.58 + r.nextDouble() * 0.2));
      m.put("final_loss", round(0.25 + r.nextDouble() * 0.15));
      m.put("initial_loss", round(0.85 + r.nextDouble() * 0.1));
    }
    m.put("epochs", 50);
    m.put("model_path", "models/stub/" + operationId + ".pt");
    return m;
  }

  public static Map<String, Object> backtest(String operationId, boolean failGate) {
    Random r = new Random(operationId.hashCode());
    Map<String, Object> m = new LinkedHashMap<>();
    if (failGate) {
      m.put("sharpe_ratio", -1.2);
      m.put("win_rate", 0.05);
      m.put("max_drawdown", 0.55);
      m.put("total_return", -0.31);
    } else {
      m.put("sharpe_ratio", round(0.8 + r.nextDouble() * 0.9));
      m.put("win_rate", round(0.48 + r.nextDouble() * 0.12));
      m.put("max_drawdown", round(0.08 + r.nextDouble() * 0.1));
      m.put("total_return", round(0.05 + r.nextDouble() * 0.25));
    }
    m.put("total_trades", 80 + r.nextInt(120));
    return m;
  }

  private static double round(double d) {
    return Math.round(d * 1000) / 1000.0;
  }
}
