package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code GET /data/{id}/bars}: a dataset with all its bars (what a remote worker trains on). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "symbol", "timeframe", "source", "bars"})
public record DatasetBars(
    String id, String symbol, String timeframe, String source, List<WireBar> bars) {

  /** One bar: its opening time (UTC) and OHLCV. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"time", "open", "high", "low", "close", "volume"})
  public record WireBar(
      @DateTime String time, double open, double high, double low, double close, double volume) {}
}
