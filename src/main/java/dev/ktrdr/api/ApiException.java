package dev.ktrdr.api;

/**
 * A request the API refuses: becomes {@code {"success": false, "error": message}} with {@code
 * status}, or {@code body} as is when the SPEC fixes the reply's shape.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Object body;

  ApiException(int status, String message) {
    this(status, message, null);
  }

  ApiException(int status, String message, Object body) {
    super(message, null, false, false); // no stack trace: this is an answer, not a fault
    this.status = status;
    this.body = body;
  }

  int status() {
    return status;
  }

  Object body() {
    return body;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException unprocessable(String message) {
    return new ApiException(422, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
