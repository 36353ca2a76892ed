package dev.ktrdr.research.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads OHLCV bars from the CSV shapes people have: a {@code date,open,high,low,close,volume}
 * header in any case and order (quoted or not), an unnamed or named index column, ISO dates or
 * date-times (a date-time without an offset is UTC), epoch seconds or milliseconds, Yahoo's {@code
 * Adj Close} (ignored: prices are the {@code Close} column) and any extra columns (ignored).
 *
 * <p>All or nothing: a file with a problem on any row (a field that is not a number or a time, a
 * row with the wrong number of fields, no header, no rows) raises {@link CsvImportException} naming
 * the line, and nothing is imported. What can be repaired without guessing is repaired and reported
 * in the {@link ImportReport}: rows out of order are sorted, repeated times keep their first row,
 * rows with a price of zero or less and rows with no prices at all are left out.
 *
 * <p>A gap is a step between two bars longer than one bar; for daily and longer bars a step of up
 * to one bar plus three days is no gap (weekends and holidays).
 */
public final class CsvImporter {
  private static final Set<String> DATE_NAMES =
      Set.of("date", "datetime", "time", "timestamp", "ts", "opentime", "day", "period");
  private static final Set<String> MISSING = Set.of("", "null", "nan", "na", "n/a", "none", "-");
  private static final Pattern EPOCH = Pattern.compile("\\d{1,16}(\\.\\d+)?");
  private static final double EPOCH_MILLIS_THRESHOLD = 1e11;
  private static final ObjectReader ROW_READER =
      new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).readerFor(String[].class);

  private CsvImporter() {}

  /**
   * Imports {@code file} as dataset {@code id}.
   *
   * @throws CsvImportException naming the line and the problem; nothing is imported
   */
  public static ImportResult importFile(Path file, String id, String symbol, Timeframe timeframe) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return importCsv(r, name, id, symbol, timeframe);
    } catch (NoSuchFileException e) {
      throw new CsvImportException(file.toString(), 0, "no such file");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new CsvImportException(name, 0, "not a UTF-8 text file");
    } catch (IOException e) {
      throw new CsvImportException(file.toString(), 0, "cannot read: " + e.getMessage());
    }
  }

  /**
   * Imports CSV text from {@code in}; {@code sourceName} names it in messages and in the dataset's
   * source.
   *
   * @throws CsvImportException naming the line and the problem; nothing is imported
   */
  public static ImportResult importCsv(
      Reader in, String sourceName, String id, String symbol, Timeframe timeframe) {
    if (symbol == null || symbol.isBlank()) {
      throw new CsvImportException(sourceName, 0, "a symbol is required");
    }
    List<Row> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Columns columns = null;
    int lineNo = 0;
    int missingCount = 0;
    List<Integer> missingLines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(in)) {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        String[] fields = split(line, sourceName, lineNo);
        if (columns == null) {
          columns = Columns.of(fields, sourceName, lineNo, notes);
          continue;
        }
        Row row = columns.parse(fields, sourceName, lineNo);
        if (row == null) {
          missingCount++;
          sample(missingLines, lineNo);
        } else {
          rows.add(row);
        }
      }
    } catch (UncheckedIOException | IOException e) {
      if (e.getCause() instanceof java.nio.charset.MalformedInputException
          || e instanceof java.nio.charset.MalformedInputException) {
        throw new CsvImportException(sourceName, lineNo + 1, "not UTF-8 text");
      }
      throw new CsvImportException(sourceName, lineNo, "cannot read: " + e.getMessage());
    }
    if (columns == null) {
      throw new CsvImportException(sourceName, 0, "the file is empty");
    }
    int rowsRead = rows.size() + missingCount;
    if (rowsRead == 0) {
      throw new CsvImportException(sourceName, 0, "no data rows after the header");
    }
    return build(
        rows, rowsRead, missingCount, missingLines, notes, sourceName, id, symbol, timeframe);
  }

  private static ImportResult build(
      List<Row> rows,
      int rowsRead,
      int missingCount,
      List<Integer> missingLines,
      List<String> notes,
      String sourceName,
      String id,
      String symbol,
      Timeframe timeframe) {
    int unsorted = 0;
    List<Integer> unsortedLines = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i).time.isBefore(rows.get(i - 1).time)) {
        unsorted++;
        sample(unsortedLines, rows.get(i).line);
      }
    }
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing((Row w) -> w.time)); // stable: equal times keep file order
    int nonPositive = 0;
    List<Integer> nonPositiveLines = new ArrayList<>();
    int duplicates = 0;
    List<Integer> duplicateLines = new ArrayList<>();
    int inconsistent = 0;
    List<Integer> inconsistentLines = new ArrayList<>();
    List<Bar> bars = new ArrayList<>();
    Instant last = null;
    for (Row w : sorted) {
      if (w.open <= 0 || w.high <= 0 || w.low <= 0 || w.close <= 0) {
        nonPositive++;
        sample(nonPositiveLines, w.line);
        continue;
      }
      if (w.time.equals(last)) {
        duplicates++;
        sample(duplicateLines, w.line);
        continue;
      }
      if (w.high < Math.max(Math.max(w.open, w.close), w.low)
          || w.low > Math.min(Math.min(w.open, w.close), w.high)) {
        inconsistent++;
        sample(inconsistentLines, w.line);
      }
      bars.add(new Bar(w.time, w.open, w.high, w.low, w.close, w.volume));
      last = w.time;
    }
    if (bars.isEmpty()) {
      throw new CsvImportException(
          sourceName, 0, "no usable bars: every row has a price of zero or less");
    }
    ImportReport.GapSummary gaps = gaps(bars, timeframe);
    spacingNote(bars, timeframe, notes);
    Dataset dataset = new Dataset(id, symbol.trim(), timeframe, "imported: " + sourceName, bars);
    ImportReport report =
        new ImportReport(
            rowsRead,
            bars.size(),
            new ImportReport.LineSample(duplicates, duplicateLines),
            new ImportReport.LineSample(unsorted, unsortedLines),
            new ImportReport.LineSample(nonPositive, nonPositiveLines),
            new ImportReport.LineSample(missingCount, missingLines),
            new ImportReport.LineSample(inconsistent, inconsistentLines),
            gaps,
            notes);
    return new ImportResult(dataset, report);
  }

  private static ImportReport.GapSummary gaps(List<Bar> bars, Timeframe timeframe) {
    Duration allowed =
        timeframe.isDailyOrLonger() ? timeframe.duration().plusDays(3) : timeframe.duration();
    int count = 0;
    Duration largest = Duration.ZERO;
    Instant largestAfter = null;
    for (int i = 1; i < bars.size(); i++) {
      Duration step = Duration.between(bars.get(i - 1).time(), bars.get(i).time());
      if (step.compareTo(allowed) > 0) {
        count++;
        if (step.compareTo(largest) > 0) {
          largest = step;
          largestAfter = bars.get(i - 1).time();
        }
      }
    }
    return count == 0
        ? ImportReport.GapSummary.none()
        : new ImportReport.GapSummary(count, largest, largestAfter);
  }

  /** Says so when the bars are spaced unlike the timeframe the user named. */
  private static void spacingNote(List<Bar> bars, Timeframe timeframe, List<String> notes) {
    if (bars.size() < 3) {
      return;
    }
    long[] steps = new long[bars.size() - 1];
    for (int i = 1; i < bars.size(); i++) {
      steps[i - 1] = Duration.between(bars.get(i - 1).time(), bars.get(i).time()).toSeconds();
    }
    Arrays.sort(steps);
    long median = steps[steps.length / 2];
    long expected = timeframe.duration().toSeconds();
    if (median != expected) {
      notes.add(
          "the bars are mostly "
              + Duration.ofSeconds(median).toString().substring(2).toLowerCase(Locale.ROOT)
              + " apart, but the timeframe is "
              + timeframe.label());
    }
  }

  private static void sample(List<Integer> lines, int line) {
    if (lines.size() < ImportReport.SAMPLE_LIMIT) {
      lines.add(line);
    }
  }

  private static String[] split(String line, String source, int lineNo) {
    try {
      String[] fields;
      try (MappingIterator<String[]> it = ROW_READER.readValues(line)) {
        fields = it.hasNext() ? it.next() : new String[0];
      }
      for (int i = 0; i < fields.length; i++) {
        fields[i] = fields[i].trim();
      }
      return fields;
    } catch (IOException | RuntimeException e) {
      throw new CsvImportException(source, lineNo, "not a valid CSV row (check the quotes)");
    }
  }

  /** Parses a time field: ISO date, ISO date-time (UTC unless it has an offset), epoch s or ms. */
  static Instant parseTime(String text) {
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

  private record Row(
      int line, Instant time, double open, double high, double low, double close, double volume) {}

  /** Which field holds what, found from the header row. */
  private record Columns(
      int count, int date, int open, int high, int low, int close, int volume, String[] names) {
    static Columns of(String[] header, String source, int lineNo, List<String> notes) {
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
        boolean looksLikeData = parseTime(header[0]) != null;
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
      return new Columns(header.length, date, open, high, low, close, volume, header);
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
    Row parse(String[] f, String source, int lineNo) {
      if (f.length != count) {
        throw new CsvImportException(
            source, lineNo, "expected " + count + " fields like the header, found " + f.length);
      }
      Instant time = parseTime(f[date]);
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
      return new Row(
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
}
