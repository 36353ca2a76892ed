package dev.ktrdr.agent.reply;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code {"triggered": true, "operation_id", "model", "message"}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"triggered", "operation_id", "model", "message"})
public record Triggered(boolean triggered, String operationId, String model, String message)
    implements TriggerReply {
  public Triggered(String operationId, String model) {
    this(true, operationId, model, "Research cycle started");
  }
}
