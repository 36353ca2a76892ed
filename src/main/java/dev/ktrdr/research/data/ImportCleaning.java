package dev.ktrdr.research.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns the rows read from a file into bars and a report: sorts them, keeps the first of repeated
 * times, leaves out non-positive prices, counts inconsistent bars and gaps, and says so when the
 * bars' spacing is not the timeframe's.
 */
final class ImportCleaning {
  private ImportCleaning() {}

  static ImportResult build(
      List<CsvRow> rows,
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
      if (rows.get(i).time().isBefore(rows.get(i - 1).time())) {
        unsorted++;
        sample(unsortedLines, rows.get(i).line());
      }
    }
    List<CsvRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(CsvRow::time)); // stable: equal times keep file order
    int nonPositive = 0;
    List<Integer> nonPositiveLines = new ArrayList<>();
    int duplicates = 0;
    List<Integer> duplicateLines = new ArrayList<>();
    int inconsistent = 0;
    List<Integer> inconsistentLines = new ArrayList<>();
    List<Bar> bars = new ArrayList<>();
    Instant last = null;
    for (CsvRow w : sorted) {
      if (w.open() <= 0 || w.high() <= 0 || w.low() <= 0 || w.close() <= 0) {
        nonPositive++;
        sample(nonPositiveLines, w.line());
        continue;
      }
      if (w.time().equals(last)) {
        duplicates++;
        sample(duplicateLines, w.line());
        continue;
      }
      if (w.high() < Math.max(Math.max(w.open(), w.close()), w.low())
          || w.low() > Math.min(Math.min(w.open(), w.close()), w.high())) {
        inconsistent++;
        sample(inconsistentLines, w.line());
      }
      bars.add(new Bar(w.time(), w.open(), w.high(), w.low(), w.close(), w.volume()));
      last = w.time();
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

  static void sample(List<Integer> lines, int line) {
    if (lines.size() < ImportReport.SAMPLE_LIMIT) {
      lines.add(line);
    }
  }
}
