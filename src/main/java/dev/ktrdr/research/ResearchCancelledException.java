package dev.ktrdr.research;

/** Research work stopped because it was cancelled; no result was produced. */
public final class ResearchCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ResearchCancelledException(String message) {
    super(message);
  }
}
