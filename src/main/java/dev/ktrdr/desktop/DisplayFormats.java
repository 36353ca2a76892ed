package dev.ktrdr.desktop;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How the console writes times, durations and ids: one format each, so that the table, the detail
 * pane and the log never disagree. Times are local; the stored values stay ISO-8601 UTC.
 */
public final class DisplayFormats {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter TIME_MILLIS =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private DisplayFormats() {}

  /** {@code 2026-11-28 10:15:00} local, or null. */
  public static String dateTime(Instant t) {
    return t == null ? null : DATE_TIME.format(t);
  }

  /** An ISO-8601 parameter (e.g. {@code cancelled_at}) in the same format; unparsable as is. */
  public static String dateTime(String iso) {
    if (iso == null || iso.isBlank()) {
      return null;
    }
    try {
      return dateTime(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  /** {@code 10:15:00} local. */
  public static String time(Instant t) {
    return t == null ? "" : TIME.format(t);
  }

  /** {@code 10:15:00.123} local: the log's time column. */
  public static String timeMillis(Instant t) {
    return t == null ? "" : TIME_MILLIS.format(t);
  }

  /** "45s", "2m 15s", "1h 05m". */
  public static String duration(double seconds) {
    long s = Math.round(Math.floor(Math.max(0, seconds)));
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
    return (s / 3600) + "h " + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
  }

  /**
   * {@code op_training_20261128_101500_1a2b3c4d} → {@code 1a2b3c4d}: the unique hash, the part that
   * tells two operations apart (the date is the same for everything triggered together).
   */
  public static String shortId(String id) {
    if (id == null) {
      return "";
    }
    int i = id.lastIndexOf('_');
    return i < 0 ? id : id.substring(i + 1);
  }

  /** A count with thousands separators: {@code 10,000}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
