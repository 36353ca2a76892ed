package dev.ktrdr.research.assess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict on a research, with what speaks for and against it and what to try next, who wrote it
 * ({@code rule_based} or {@code llm}) and the model tokens it cost.
 */
public record Assessment(
    Verdict verdict,
    List<String> strengths,
    List<String> weaknesses,
    List<String> suggestions,
    String summary,
    String assessor,
    String model,
    long inputTokens,
    long outputTokens) {
  public Assessment {
    strengths = List.copyOf(strengths);
    weaknesses = List.copyOf(weaknesses);
    suggestions = List.copyOf(suggestions);
  }

  /**
   * {@code {"verdict", "strengths", "weaknesses", "suggestions", "summary", "assessor", "model",
   * "input_tokens", "output_tokens"}}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("verdict", verdict.wireName());
    m.put("strengths", strengths);
    m.put("weaknesses", weaknesses);
    m.put("suggestions", suggestions);
    m.put("summary", summary);
    m.put("assessor", assessor);
    m.put("model", model);
    m.put("input_tokens", inputTokens);
    m.put("output_tokens", outputTokens);
    return m;
  }
}
