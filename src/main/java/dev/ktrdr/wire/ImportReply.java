package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** 201 from {@code POST /data/import}: the new dataset and what the import noticed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"success", "dataset", "report", "messages"})
public record ImportReply(
    @Always(true) boolean success,
    DatasetInfo dataset,
    Report report,
    @JsonPropertyDescription("The report in sentences, one per finding") List<String> messages) {

  /** What was repaired, skipped or worth knowing; counts are exact, line lists at most 10. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "rows_read",
    "bars_imported",
    "duplicates",
    "unsorted_rows",
    "non_positive_prices",
    "missing_values",
    "inconsistent_rows",
    "gaps",
    "notes",
    "clean"
  })
  public record Report(
      @JsonPropertyDescription("Data rows in the file") int rowsRead,
      int barsImported,
      @JsonPropertyDescription("Rows repeating an earlier time; the first was kept")
          Lines duplicates,
      @JsonPropertyDescription("Rows earlier than the row before; the bars were sorted")
          Lines unsortedRows,
      @JsonPropertyDescription("Rows with a price of zero or less; left out")
          Lines nonPositivePrices,
      @JsonPropertyDescription("Rows without prices; left out") Lines missingValues,
      @JsonPropertyDescription("Rows whose high/low do not bound open/close; kept")
          Lines inconsistentRows,
      Gaps gaps,
      List<String> notes,
      @JsonPropertyDescription("True when nothing had to be repaired, skipped or pointed out")
          boolean clean) {}

  /** How many rows, and the first line numbers of them. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"count", "lines"})
  public record Lines(int count, List<Integer> lines) {}

  /** Missing bars: how many gaps, the largest, and the bar before it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"count", "largest_seconds", "largest_after"})
  public record Gaps(int count, long largestSeconds, @DateTime @Nullable String largestAfter) {}
}
