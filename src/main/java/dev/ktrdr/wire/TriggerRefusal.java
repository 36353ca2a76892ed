package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * 409: {@code {"triggered": false, "reason", "message"}}, plus {@code active_count} and {@code
 * limit} when the reason is {@code at_capacity}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"triggered", "reason", "active_count", "limit", "message"})
public record TriggerRefusal(
    @Always(false) boolean triggered,
    Reason reason,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonPropertyDescription("Active researches (at_capacity only)")
        Integer activeCount,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonPropertyDescription("The research limit (at_capacity only)")
        Integer limit,
    String message) {

  public static TriggerRefusal atCapacity(int active, int limit, String message) {
    return new TriggerRefusal(false, Reason.AT_CAPACITY, active, limit, message);
  }

  public static TriggerRefusal budgetExhausted(String message) {
    return new TriggerRefusal(false, Reason.BUDGET_EXHAUSTED, null, null, message);
  }

  /** Why a trigger was refused. */
  public enum Reason {
    @JsonProperty("at_capacity")
    AT_CAPACITY,
    @JsonProperty("budget_exhausted")
    BUDGET_EXHAUSTED
  }
}
