package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** The body of {@code POST /backtest}: one rule-based strategy on one whole dataset. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"dataset", "strategy", "params", "long_short", "commission"})
public record BacktestRequest(
    @JsonPropertyDescription("Dataset id (see GET /data)") String dataset,
    @JsonPropertyDescription(
            "sma_cross (fast, slow), ema_cross (fast, slow), rsi_reversion (period, lower, upper)"
                + " or bollinger_reversion (period, k)")
        String strategy,
    @JsonPropertyDescription("The strategy's parameters; those left out take their defaults")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Map<String, Double> params,
    @JsonPropertyDescription("A sell signal reverses into a short (default: long-only)")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Boolean longShort,
    @JsonPropertyDescription("Fraction of traded value paid per fill (default 0.002)")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Double commission) {}
