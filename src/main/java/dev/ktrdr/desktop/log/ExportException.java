package dev.ktrdr.desktop.log;

/** An export that could not be written; the message is meant for the user as it is. */
public final class ExportException extends Exception {
  private static final long serialVersionUID = 1L;

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
