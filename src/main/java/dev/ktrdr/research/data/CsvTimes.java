package dev.ktrdr.research.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The time field of a CSV row: ISO date, ISO date-time (UTC unless it has an offset), epoch s or
 * ms.
 */
final class CsvTimes {
  private static final Pattern EPOCH = Pattern.compile("\\d{1,16}(\\.\\d+)?");
  // Below 1e11 a number is seconds (1e11 s is the year 5138), above it milliseconds.
  private static final double EPOCH_MILLIS_THRESHOLD = 1e11;

  private CsvTimes() {}

  /** The instant {@code text} names, or null when it is not a time. */
  static Instant parse(String text) {
    String t = text.trim();
    if (EPOCH.matcher(t).matches()) {
      double v = Double.parseDouble(t);
      return v >= EPOCH_MILLIS_THRESHOLD
          ? Instant.ofEpochMilli((long) v)
          : Instant.ofEpochMilli(Math.round(v * 1000));
    }
    String iso =
        t.length() > 10 && t.charAt(10) == ' '
            ? t.substring(0, 10) + 'T' + t.substring(11).trim()
            : t;
    try {
      if (iso.length() == 10) {
        return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (iso.endsWith("Z") || iso.endsWith("z")) {
        return Instant.parse(iso.toUpperCase(Locale.ROOT));
      }
      if (hasOffset(iso)) {
        return OffsetDateTime.parse(iso).toInstant();
      }
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean hasOffset(String iso) {
    int t = iso.indexOf('T');
    if (t < 0) {
      return false;
    }
    String clock = iso.substring(t + 1);
    return clock.contains("+") || clock.contains("-");
  }
}
