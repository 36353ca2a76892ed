package dev.ktrdr.research.llm;

/**
 * A model's reply and what it cost.
 *
 * @param stopReason why the model stopped: {@code end_turn}, {@code max_tokens} (the reply is cut
 *     off), …
 */
public record LlmReply(
    String text, String stopReason, long inputTokens, long outputTokens, String model) {
  /** True if the reply was cut off at the token limit. */
  public boolean truncated() {
    return "max_tokens".equals(stopReason);
  }
}
