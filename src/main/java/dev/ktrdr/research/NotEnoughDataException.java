package dev.ktrdr.research;

/** A dataset too short for what a strategy asks of it; the message says how many bars it needs. */
public final class NotEnoughDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotEnoughDataException(String message) {
    super(message);
  }
}
