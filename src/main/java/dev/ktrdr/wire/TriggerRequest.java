package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The body of {@code POST /agent/trigger}; every field is optional. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "brief",
  "model",
  "bypass_gates",
  "force",
  "dataset",
  "symbol",
  "timeframe",
  "seed"
})
public record TriggerRequest(
    @JsonPropertyDescription("What to research (default: design a new trading strategy)") @Nullable
        String brief,
    @JsonPropertyDescription("opus, sonnet (default), haiku or a full model id") @Nullable
        String model,
    @JsonPropertyDescription("Skip the training and backtest gates") @Nullable Boolean bypassGates,
    @JsonPropertyDescription("Override the capacity and budget checks") @Nullable Boolean force,
    @JsonPropertyDescription(
            "Id of the dataset to research (see GET /data); default: the one the brief names,"
                + " else btcusd-5m")
        @Nullable
        String dataset,
    @JsonPropertyDescription("Research a dataset of this symbol (e.g. BTC/USD), if no id given")
        @Nullable
        String symbol,
    @JsonPropertyDescription(
            "Research a dataset of this timeframe (e.g. 5m, 1h, 1d), if no id given")
        @Nullable
        String timeframe,
    @JsonPropertyDescription(
            "Makes the research repeatable (0 to 2^53-1); default: drawn, and recorded either way")
        @Nullable
        Long seed) {

  public static final TriggerRequest EMPTY =
      new TriggerRequest(null, null, null, null, null, null, null, null);

  /** A trigger without dataset or seed. */
  public TriggerRequest(String brief, String model, Boolean bypassGates, Boolean force) {
    this(brief, model, bypassGates, force, null, null, null, null);
  }

  public boolean bypassGatesOrFalse() {
    return Boolean.TRUE.equals(bypassGates);
  }

  public boolean forceOrFalse() {
    return Boolean.TRUE.equals(force);
  }
}
