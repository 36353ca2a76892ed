package dev.ktrdr.api;

/** The API could not start, typically because its port is taken; the message says so in a line. */
public final class ApiStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ApiStartException(String message) {
    super(message);
  }

  public ApiStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
