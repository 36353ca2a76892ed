package dev.ktrdr.remote;

/** The server could not be reached, refused the token, or answered something unexpected. */
public final class RemoteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RemoteException(String message) {
    super(message, null, false, false);
  }
}
