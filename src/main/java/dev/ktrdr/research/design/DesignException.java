package dev.ktrdr.research.design;

/**
 * A design that failed. The message says why; the token counts say what the failed attempt cost (a
 * model's reply that did not validate was still paid for).
 */
public final class DesignException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long inputTokens;
  private final long outputTokens;

  public DesignException(String message) {
    this(message, 0, 0, null);
  }

  public DesignException(String message, long inputTokens, long outputTokens, Throwable cause) {
    super(message, cause);
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
  }

  public long inputTokens() {
    return inputTokens;
  }

  public long outputTokens() {
    return outputTokens;
  }
}
