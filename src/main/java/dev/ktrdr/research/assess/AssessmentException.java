package dev.ktrdr.research.assess;

/** An assessment that failed; carries the model tokens the failed attempt cost. */
public final class AssessmentException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long inputTokens;
  private final long outputTokens;

  public AssessmentException(String message, long inputTokens, long outputTokens, Throwable cause) {
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
