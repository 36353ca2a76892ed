package dev.ktrdr.bench;

/**
 * The benchmark could not measure at all (no jar, a server that does not start, a refused request):
 * the suite stops and exits non-zero. A missed goal is not one of these.
 */
final class SetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SetupException(String message) {
    super(message);
  }

  SetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
