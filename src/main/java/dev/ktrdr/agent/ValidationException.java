package dev.ktrdr.agent;

/** A request the service refuses because its input is wrong; the message says what to fix. */
public final class ValidationException extends RuntimeException {
  public ValidationException(String message) {
    super(message);
  }
}
