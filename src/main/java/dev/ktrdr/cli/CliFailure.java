package dev.ktrdr.cli;

/** A command that could not do what was asked: its message goes to stderr, the exit code is 1. */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliFailure(String message) {
    super(message, null, false, false);
  }
}
