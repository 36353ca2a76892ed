package dev.ktrdr.research.assess;

import dev.ktrdr.research.backtest.BacktestResult;
import dev.ktrdr.research.model.TrainingResult;
import dev.ktrdr.research.strategy.StrategySpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an assessment reads, as the JSON maps a research keeps ({@code training_result}, {@code
 * backtest_result}), so it can run wherever those are stored.
 *
 * @param backtest null when a gate stopped the research after training
 * @param gateRejection the gate that sent the research to assessment early, or null
 */
public record AssessmentInput(
    Map<String, Object> spec,
    Map<String, Object> training,
    Map<String, Object> backtest,
    String gateRejection) {

  /** From the library's own results. */
  public static AssessmentInput of(
      StrategySpec spec, TrainingResult training, BacktestResult backtest, String gateRejection) {
    return new AssessmentInput(
        spec.toMap(), training.toMap(), backtest == null ? null : backtest.toMap(), gateRejection);
  }

  /** A number from the training result, or NaN if absent. */
  double training(String key) {
    return number(training, key);
  }

  /** A number from the backtest result, or NaN if absent. */
  double backtest(String key) {
    return number(backtest, key);
  }

  private static double number(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** The inputs without the long lists (curves, trades, model parameters): for a prompt. */
  Map<String, Object> compact() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("strategy_spec", spec);
    out.put("training_result", strip(training, "loss_curve", "model"));
    out.put("backtest_result", strip(backtest, "equity_curve", "trades"));
    out.put("gate_rejection", gateRejection);
    return out;
  }

  private static Map<String, Object> strip(Map<String, Object> m, String... keys) {
    if (m == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>(m);
    for (String k : keys) {
      out.remove(k);
    }
    return out;
  }
}
