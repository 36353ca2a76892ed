package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /data/import}: a CSV file's text and what it holds. The CSV travels as a
 * JSON string (the API takes JSON only, so that a web page cannot post a form here).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"csv", "symbol", "timeframe", "name", "file_name"})
public record ImportRequest(
    @JsonPropertyDescription(
            "The file's text: a header naming date (or time), open, high, low, close and"
                + " optionally volume, in any case and order; ISO dates or epoch seconds or"
                + " milliseconds")
        String csv,
    @JsonPropertyDescription("The symbol of the bars, e.g. MSFT or BTC/USD") String symbol,
    @JsonPropertyDescription("The bar length, e.g. 1d, 1h, 5m") String timeframe,
    @JsonPropertyDescription("The new dataset's id (default: symbol-timeframe, e.g. msft-1d)")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String name,
    @JsonPropertyDescription("The file's name, for messages and the dataset's source")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String fileName) {

  /**
   * The largest import body the server reads: 32 MB holds about 500,000 bars (a year of 1-minute
   * bars) as one JSON string. The CLI checks a file against it before sending.
   */
  public static final int MAX_BYTES = 32 * 1024 * 1024;
}
