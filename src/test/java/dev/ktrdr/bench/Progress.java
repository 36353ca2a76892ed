package dev.ktrdr.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on stderr while the suite runs; the table alone goes to stdout. */
final class Progress {
  private Progress() {}

  static void say(String format, Object... args) {
    System.err.println(
        "[bench "
            + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
            + "] "
            + String.format(format, args));
  }
}
