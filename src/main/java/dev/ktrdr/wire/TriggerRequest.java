package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The body of {@code POST /agent/trigger}; every field is optional. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"brief", "model", "bypass_gates", "force"})
public record TriggerRequest(
    @JsonPropertyDescription("What to research (default: design a new trading strategy)") @Nullable
        String brief,
    @JsonPropertyDescription("opus, sonnet (default), haiku or a full model id") @Nullable
        String model,
    @JsonPropertyDescription("Skip the training and backtest gates") @Nullable Boolean bypassGates,
    @JsonPropertyDescription("Override the capacity and budget checks") @Nullable Boolean force) {

  public static final TriggerRequest EMPTY = new TriggerRequest(null, null, null, null);

  public boolean bypassGatesOrFalse() {
    return Boolean.TRUE.equals(bypassGates);
  }

  public boolean forceOrFalse() {
    return Boolean.TRUE.equals(force);
  }
}
