package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One dataset of price bars, without its bars. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "symbol", "timeframe", "first_bar", "last_bar", "bar_count", "source"})
public record DatasetInfo(
    @JsonPropertyDescription("What a trigger or a backtest names it by, e.g. btcusd-5m") String id,
    String symbol,
    @JsonPropertyDescription("Bar length: 1m, 5m, 15m, 1h, 4h, 1d, 1w, …") String timeframe,
    @JsonPropertyDescription("Opening time of the first bar, UTC") @DateTime String firstBar,
    @JsonPropertyDescription("Opening time of the last bar, UTC") @DateTime String lastBar,
    int barCount,
    @JsonPropertyDescription("Where the bars came from: bundled sample data or an imported file")
        String source) {}
