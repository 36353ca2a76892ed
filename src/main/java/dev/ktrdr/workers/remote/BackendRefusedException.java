package dev.ktrdr.workers.remote;

/**
 * The backend refused the worker for good (a wrong token, a bad capacity or name): retrying cannot
 * help, so the worker process stops with this message.
 */
public final class BackendRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackendRefusedException(String message) {
    super(message);
  }
}
