package dev.ktrdr.research.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvImporterTest {
  private static final Timeframe DAILY = Timeframe.parse("1d");

  static Path fixture(String name) {
    try {
      return Path.of(CsvImporterTest.class.getResource("/research/csv/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ImportResult load(String name, Timeframe tf) {
    return CsvImporter.importFile(fixture(name), "t", "TEST", tf);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "basic.csv",
        "mixed_case_order.csv",
        "unnamed_integer_index.csv",
        "unnamed_date_index.csv",
        "yahoo.csv"
      })
  void dailyShapesAllGiveTheSameBars(String file) {
    ImportResult r = load(file, DAILY);
    assertThat(r.dataset().bars())
        .containsExactly(
            new Bar(Instant.parse("2024-01-02T00:00:00Z"), 10, 11, 9, 10.5, 100),
            new Bar(Instant.parse("2024-01-03T00:00:00Z"), 10.5, 12, 10, 11.5, 200),
            new Bar(Instant.parse("2024-01-04T00:00:00Z"), 11.5, 12, 11, 11, 150));
    assertThat(r.report().barsImported()).isEqualTo(3);
    assertThat(r.dataset().source()).isEqualTo("imported: " + file);
  }

  @Test
  void yahooAdjCloseIsIgnoredAndSaidSo() {
    assertThat(load("yahoo.csv", DAILY).report().notes())
        .containsExactly("'Adj Close' is ignored: prices are the Close column");
  }

  @ParameterizedTest
  @ValueSource(strings = {"epoch_seconds.csv", "epoch_millis_extra_columns.csv"})
  void epochSecondsAndMillisecondsGiveTheSameTimes(String file) {
    ImportResult r = load(file, Timeframe.parse("5m"));
    assertThat(r.dataset().bars())
        .extracting(Bar::time)
        .containsExactly(
            Instant.parse("2024-01-02T00:00:00Z"),
            Instant.parse("2024-01-02T00:05:00Z"),
            Instant.parse("2024-01-02T00:10:00Z"));
    assertThat(r.report().clean()).isEqualTo(file.equals("epoch_seconds.csv"));
  }

  @Test
  void extraColumnsAreIgnoredAndListed() {
    assertThat(load("epoch_millis_extra_columns.csv", Timeframe.parse("5m")).report().notes())
        .containsExactly("column(s) ignored: trades, taker_base");
  }

  @Test
  void isoDateTimesWithoutOffsetAreUtcAndOffsetsAreHonoured() {
    ImportResult r = load("iso_datetimes.csv", Timeframe.parse("5m"));
    assertThat(r.dataset().bars())
        .extracting(Bar::time)
        .containsExactly(
            Instant.parse("2024-01-02T09:30:00Z"),
            Instant.parse("2024-01-02T09:35:00Z"),
            Instant.parse("2024-01-02T09:40:00Z"));
  }

  @Test
  void quotedHeaderAndByteOrderMarkAreFine() {
    assertThat(load("quoted_with_bom.csv", DAILY).dataset().size()).isEqualTo(2);
  }

  @Test
  void missingVolumeMeansZeroAndIsNoted() {
    ImportResult r = load("no_volume.csv", DAILY);
    assertThat(r.dataset().bars()).extracting(Bar::volume).containsOnly(0.0);
    assertThat(r.report().notes()).containsExactly("no volume column: volumes are 0");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bad_number.csv|bad_number.csv line 3: 'abc' in column 'close' is not a number",
        "short_row.csv|short_row.csv line 3: expected 6 fields like the header, found 4",
        "bad_date.csv|bad_date.csv line 3: '02/01/2024' in column 'date' is not a date or time",
        "missing_low.csv|missing_low.csv line 1: the header has no low column",
        "no_header.csv|no_header.csv line 1: no header row",
        "empty.csv|empty.csv: the file is empty",
        "header_only.csv|header_only.csv: no data rows after the header",
        "negative_volume.csv|negative_volume.csv line 2: negative volume -5",
        "all_non_positive.csv|all_non_positive.csv: no usable bars"
      })
  void badFilesAreRefusedNamingTheLineAndTheProblem(String file, String message) {
    assertThatThrownBy(() -> load(file, DAILY))
        .isInstanceOf(CsvImportException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void theExceptionKnowsTheLine() {
    assertThatThrownBy(() -> load("bad_number.csv", DAILY))
        .isInstanceOfSatisfying(CsvImportException.class, e -> assertThat(e.line()).isEqualTo(3));
  }

  @Test
  void aMissingFileIsAClearError() {
    assertThatThrownBy(() -> CsvImporter.importFile(Path.of("/no/such/file.csv"), "t", "T", DAILY))
        .isInstanceOf(CsvImportException.class)
        .hasMessageContaining("no such file");
  }

  @Test
  void messyFileIsRepairedAndEveryProblemReported() {
    ImportResult r = load("messy.csv", DAILY);
    ImportReport rep = r.report();
    assertThat(r.dataset().bars())
        .extracting(Bar::time)
        .containsExactly(
            Instant.parse("2024-01-02T00:00:00Z"),
            Instant.parse("2024-01-03T00:00:00Z"),
            Instant.parse("2024-01-04T00:00:00Z"),
            Instant.parse("2024-01-09T00:00:00Z"),
            Instant.parse("2024-01-22T00:00:00Z"));
    assertThat(r.dataset().bars().get(1).open())
        .as("first row of a repeated time kept")
        .isEqualTo(10.5);
    assertThat(rep.rowsRead()).isEqualTo(8);
    assertThat(rep.unsortedRows().lines()).containsExactly(3);
    assertThat(rep.duplicates().lines()).containsExactly(5);
    assertThat(rep.nonPositivePrices().lines()).containsExactly(6);
    assertThat(rep.missingValues().lines()).containsExactly(7);
    assertThat(rep.inconsistentRows().lines()).containsExactly(8);
    assertThat(rep.gaps().count()).isEqualTo(2);
    assertThat(rep.gaps().largest()).isEqualTo(Duration.ofDays(13));
    assertThat(rep.gaps().largestAfter()).isEqualTo(Instant.parse("2024-01-09T00:00:00Z"));
    assertThat(rep.clean()).isFalse();
    assertThat(rep.describe())
        .contains(
            "5 bars imported from 8 rows",
            "1 duplicate time(s); the first row of each time was kept (line 5)",
            "1 row(s) with a price of zero or less were left out (line 6)");
    assertThat(rep.toMap()).containsEntry("rows_read", 8).containsEntry("clean", false);
  }

  @Test
  void aWeekendIsNoGapForDailyBarsButAMissingBarIsOneIntraday() {
    assertThat(load("basic.csv", DAILY).report().gaps().count()).isZero();
    String csv =
        "date,open,high,low,close,volume\n" + "2024-01-05,1,1,1,1,1\n2024-01-08,1,1,1,1,1\n";
    assertThat(
            CsvImporter.importCsv(new java.io.StringReader(csv), "w.csv", "t", "T", DAILY)
                .report()
                .gaps()
                .count())
        .isZero();
    String intraday =
        "timestamp,open,high,low,close,volume\n0,1,1,1,1,1\n300,1,1,1,1,1\n900,1,1,1,1,1\n";
    assertThat(
            CsvImporter.importCsv(
                    new java.io.StringReader(intraday), "i.csv", "t", "T", Timeframe.parse("5m"))
                .report()
                .gaps()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aTimeframeUnlikeTheBarsIsPointedOut() {
    assertThat(load("epoch_seconds.csv", Timeframe.parse("1h")).report().notes())
        .containsExactly("the bars are mostly 5m apart, but the timeframe is 1h");
  }
}
