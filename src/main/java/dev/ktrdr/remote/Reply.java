package dev.ktrdr.remote;

/**
 * What the server answered to an action, exactly one of: done (the success body), refused (the
 * refusal body, with the server's reason) or invalid (bad input, in the server's words).
 */
public record Reply<D, R>(D done, R refused, String invalid) {
  static <D, R> Reply<D, R> done(D body) {
    return new Reply<>(body, null, null);
  }

  static <D, R> Reply<D, R> refused(R body) {
    return new Reply<>(null, body, null);
  }

  static <D, R> Reply<D, R> invalid(String message) {
    return new Reply<>(null, null, message);
  }
}
