package dev.ktrdr.agent.reply;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code {"triggered": false, "reason", "message"}}, plus {@code active_count} and {@code limit}
 * when the reason is {@code at_capacity}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"triggered", "reason", "active_count", "limit", "message"})
public record TriggerRefused(
    boolean triggered, String reason, Integer activeCount, Integer limit, String message)
    implements TriggerReply {
  public static final String BUDGET_EXHAUSTED = "budget_exhausted";
  public static final String AT_CAPACITY = "at_capacity";

  public static TriggerRefused budgetExhausted(String message) {
    return new TriggerRefused(false, BUDGET_EXHAUSTED, null, null, message);
  }

  public static TriggerRefused atCapacity(int active, int limit) {
    return new TriggerRefused(
        false,
        AT_CAPACITY,
        active,
        limit,
        "At capacity: " + active + " active researches, limit is " + limit);
  }
}
