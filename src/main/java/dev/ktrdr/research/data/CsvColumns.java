package dev.ktrdr.research.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which field of a CSV row holds what, found from the header row; parses the rows after it. */
record CsvColumns(
    int count, int date, int open, int high, int low, int close, int volume, String[] names) {
  private static final Set<String> DATE_NAMES =
      Set.of("date", "datetime", "time", "timestamp", "ts", "opentime", "day", "period");
  private static final Set<String> MISSING = Set.of("", "null", "nan", "na", "n/a", "none", "-");

  static CsvColumns of(String[] header, String source, int lineNo, List<String> notes) {
    String[] keys = new String[header.length];
    for (int i = 0; i < header.length; i++) {
      keys[i] = header[i].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
    int date = -1;
    for (int i = 0; i < keys.length && date < 0; i++) {
      if (DATE_NAMES.contains(keys[i])) {
        date = i;
      }
    }
    int unnamed = -1;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].isEmpty() || keys[i].matches("unnamed\\d*") || keys[i].equals("index")) {
        unnamed = unnamed < 0 ? i : unnamed;
      }
    }
    if (date < 0 && unnamed >= 0) {
      date = unnamed; // pandas writes a DatetimeIndex as a first column with no name
    }
    int open = find(keys, "open", "o");
    int high = find(keys, "high", "h");
    int low = find(keys, "low", "l");
    int close = find(keys, "close", "c", "last", "price");
    int volume = find(keys, "volume", "vol", "v");
    List<String> missing = new ArrayList<>();
    if (date < 0) {
      missing.add("date");
    }
    addIfMissing(missing, open, "open");
    addIfMissing(missing, high, "high");
    addIfMissing(missing, low, "low");
    addIfMissing(missing, close, "close");
    if (!missing.isEmpty()) {
      boolean looksLikeData = CsvTimes.parse(header[0]) != null;
      throw new CsvImportException(
          source,
          lineNo,
          (looksLikeData
                  ? "no header row"
                  : "the header has no " + String.join(", ", missing) + " column")
              + "; expected a header like date,open,high,low,close,volume (any case and order)");
    }
    Set<Integer> used = Set.of(date, open, high, low, close, volume);
    List<String> ignored = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      if (!used.contains(i) && !header[i].isEmpty()) {
        ignored.add(header[i]);
      }
    }
    if (Arrays.asList(keys).contains("adjclose")) {
      notes.add("'Adj Close' is ignored: prices are the Close column");
      ignored.removeIf(
          h -> h.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").equals("adjclose"));
    }
    if (!ignored.isEmpty()) {
      notes.add("column(s) ignored: " + String.join(", ", ignored));
    }
    if (volume < 0) {
      notes.add("no volume column: volumes are 0");
    }
    return new CsvColumns(header.length, date, open, high, low, close, volume, header);
  }

  private static void addIfMissing(List<String> missing, int index, String name) {
    if (index < 0) {
      missing.add(name);
    }
  }

  private static int find(String[] keys, String... names) {
    for (String n : names) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i].equals(n)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The row, or null for a row with no prices at all. */
  CsvRow parse(String[] f, String source, int lineNo) {
    if (f.length != count) {
      throw new CsvImportException(
          source, lineNo, "expected " + count + " fields like the header, found " + f.length);
    }
    Instant time = CsvTimes.parse(f[date]);
    if (time == null) {
      throw new CsvImportException(
          source,
          lineNo,
          "'"
              + f[date]
              + "' in column '"
              + names[date]
              + "' is not a date or time (use ISO like 2024-01-31 or 2024-01-31T09:30:00Z,"
              + " or epoch seconds or milliseconds)");
    }
    if (isMissing(f[open]) && isMissing(f[high]) && isMissing(f[low]) && isMissing(f[close])) {
      return null;
    }
    double volumeValue = volume < 0 ? 0 : number(f, volume, source, lineNo);
    if (volumeValue < 0) {
      throw new CsvImportException(source, lineNo, "negative volume " + f[volume]);
    }
    return new CsvRow(
        lineNo,
        time,
        number(f, open, source, lineNo),
        number(f, high, source, lineNo),
        number(f, low, source, lineNo),
        number(f, close, source, lineNo),
        volumeValue);
  }

  private static boolean isMissing(String s) {
    return MISSING.contains(s.toLowerCase(Locale.ROOT));
  }

  private double number(String[] f, int i, String source, int lineNo) {
    String s = f[i];
    if (s.isEmpty()) {
      throw new CsvImportException(source, lineNo, "column '" + names[i] + "' is empty");
    }
    try {
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new CsvImportException(
          source, lineNo, "'" + s + "' in column '" + names[i] + "' is not a number");
    }
  }
}
