package dev.ktrdr.research.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import found in a file besides the bars: problems it repaired or skipped, and facts a
 * user should know before trusting the data. Lists of line numbers hold at most {@value
 * #SAMPLE_LIMIT} entries; the counts are exact.
 *
 * @param rowsRead data rows in the file (header and blank lines excluded)
 * @param barsImported bars in the resulting dataset
 * @param duplicates rows whose time repeats an earlier row; the first row of that time is kept
 * @param unsortedRows rows whose time is earlier than the row before; the bars are sorted
 * @param nonPositivePrices rows with a price of zero or less; they are left out
 * @param missingValues rows with no prices at all (e.g. Yahoo's {@code null} rows); left out
 * @param inconsistentRows rows whose high is below another price or whose low is above one; kept
 * @param gaps places where bars are missing (see {@link CsvImporter} for what counts)
 * @param notes everything else worth saying (ignored columns, a timeframe that does not match)
 */
public record ImportReport(
    int rowsRead,
    int barsImported,
    LineSample duplicates,
    LineSample unsortedRows,
    LineSample nonPositivePrices,
    LineSample missingValues,
    LineSample inconsistentRows,
    GapSummary gaps,
    List<String> notes) {
  static final int SAMPLE_LIMIT = 10;

  public ImportReport {
    notes = List.copyOf(notes);
  }

  /** True when nothing had to be repaired, skipped or pointed out. */
  public boolean clean() {
    return duplicates.count() == 0
        && unsortedRows.count() == 0
        && nonPositivePrices.count() == 0
        && missingValues.count() == 0
        && inconsistentRows.count() == 0
        && gaps.count() == 0
        && notes.isEmpty();
  }

  /** One sentence per finding, for a CLI or a dialog. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    out.add(barsImported + " bars imported from " + rowsRead + " rows");
    duplicates.describe("duplicate time(s); the first row of each time was kept", out);
    unsortedRows.describe("row(s) out of time order; the bars were sorted", out);
    nonPositivePrices.describe("row(s) with a price of zero or less were left out", out);
    missingValues.describe("row(s) without prices were left out", out);
    inconsistentRows.describe("row(s) where high/low do not bound open/close (kept)", out);
    if (gaps.count() > 0) {
      out.add(
          gaps.count()
              + " gap(s) in the bars, the largest "
              + gaps.largest()
              + " after "
              + gaps.largestAfter());
    }
    out.addAll(notes);
    return out;
  }

  /** The report as JSON-ready maps and lists. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows_read", rowsRead);
    m.put("bars_imported", barsImported);
    m.put("duplicates", duplicates.toMap());
    m.put("unsorted_rows", unsortedRows.toMap());
    m.put("non_positive_prices", nonPositivePrices.toMap());
    m.put("missing_values", missingValues.toMap());
    m.put("inconsistent_rows", inconsistentRows.toMap());
    m.put("gaps", gaps.toMap());
    m.put("notes", notes);
    m.put("clean", clean());
    return m;
  }

  /** A count of rows and the first few of their line numbers. */
  public record LineSample(int count, List<Integer> lines) {
    public LineSample {
      lines = List.copyOf(lines);
    }

    static LineSample none() {
      return new LineSample(0, List.of());
    }

    void describe(String what, List<String> out) {
      if (count > 0) {
        out.add(count + " " + what + " (line" + (count > 1 ? "s " : " ") + linesText() + ")");
      }
    }

    private String linesText() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < lines.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(lines.get(i));
      }
      return count > lines.size() ? b + ", …" : b.toString();
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("count", count);
      m.put("lines", lines);
      return m;
    }
  }

  /** How many gaps, and the largest one (its length and the bar before it). */
  public record GapSummary(int count, Duration largest, Instant largestAfter) {
    static GapSummary none() {
      return new GapSummary(0, Duration.ZERO, null);
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("count", count);
      m.put("largest_seconds", largest.toSeconds());
      m.put("largest_after", largestAfter == null ? null : largestAfter.toString());
      return m;
    }
  }
}
