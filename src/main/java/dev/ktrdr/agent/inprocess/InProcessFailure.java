package dev.ktrdr.agent.inprocess;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An in-process phase failed after it had spent model tokens (a model's reply that did not
 * validate, say): the phase's child fails with the message, and the tokens still go to the budget.
 */
public final class InProcessFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final long inputTokens;
  private final long outputTokens;

  public InProcessFailure(String message, long inputTokens, long outputTokens, Throwable cause) {
    super(message, cause);
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
  }

  /** {@code {"input_tokens", "output_tokens"}}, as a result would carry them. */
  public Map<String, Object> spent() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input_tokens", inputTokens);
    m.put("output_tokens", outputTokens);
    return m;
  }
}
