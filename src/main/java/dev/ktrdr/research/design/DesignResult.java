package dev.ktrdr.research.design;

import dev.ktrdr.research.strategy.StrategySpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A design: the strategy spec, why it was chosen, who chose it ({@code rule_based} or {@code llm}),
 * and the model tokens it cost (0 for the rule-based designer).
 */
public record DesignResult(
    StrategySpec spec,
    String explanation,
    String designer,
    String model,
    long inputTokens,
    long outputTokens) {

  /**
   * {@code {"strategy_name", "dataset", "designer", "model", "explanation", "input_tokens",
   * "output_tokens", "spec"}}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("strategy_name", spec.name());
    m.put("dataset", spec.dataset());
    m.put("designer", designer);
    m.put("model", model);
    m.put("explanation", explanation);
    m.put("input_tokens", inputTokens);
    m.put("output_tokens", outputTokens);
    m.put("spec", spec.toMap());
    return m;
  }
}
