package dev.ktrdr.desktop.notify;

/**
 * Something worth telling the user. A research that ended is {@code batched}: under load hundreds
 * end a minute, and they are summed up; the answer to the user's own action (a refused cancel, a
 * failed export) is shown at once.
 */
public record Notice(Level level, String operationId, String title, String text, boolean batched) {
  public enum Level {
    INFO,
    WARNING,
    ERROR
  }

  /** A notice shown at once. */
  public Notice(Level level, String operationId, String title, String text) {
    this(level, operationId, title, text, false);
  }
}
