package dev.ktrdr.operations;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 UTC with fixed millisecond precision, so that stored timestamps sort as text in the same
 * order as in time.
 */
public final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  public static String format(Instant t) {
    return t == null ? null : FORMAT.format(t);
  }

  /** {@code t} at the precision it is stored with (what {@link #parse} gives back). */
  public static Instant stored(Instant t) {
    return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  public static Instant parse(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
