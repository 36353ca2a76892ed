package dev.ktrdr.workers.remote;

/** Whether the backend took a remote worker's result, and if not, why. */
public record Outcome(boolean accepted, String message) {
  static Outcome accepted(String message) {
    return new Outcome(true, message);
  }

  static Outcome refused(String message) {
    return new Outcome(false, message);
  }
}
