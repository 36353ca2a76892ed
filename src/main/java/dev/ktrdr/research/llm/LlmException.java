package dev.ktrdr.research.llm;

/**
 * A model call that did not give a usable answer. The message says what went wrong in words a user
 * can act on; the token counts say what was spent anyway (0 when no reply came), so the budget can
 * still be charged.
 */
public final class LlmException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long inputTokens;
  private final long outputTokens;

  public LlmException(String message) {
    this(message, 0, 0, null);
  }

  public LlmException(String message, Throwable cause) {
    this(message, 0, 0, cause);
  }

  public LlmException(String message, long inputTokens, long outputTokens, Throwable cause) {
    super(message, cause);
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
  }

  /** The same failure, noting the tokens of the reply it was found in. */
  public static LlmException spent(String message, LlmReply reply) {
    return new LlmException(message, reply.inputTokens(), reply.outputTokens(), null);
  }

  public long inputTokens() {
    return inputTokens;
  }

  public long outputTokens() {
    return outputTokens;
  }
}
