package dev.ktrdr.agent.reply;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code {"success": true, "operation_id", "child_cancelled": ID_OR_NULL, "message"}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"success", "operation_id", "child_cancelled", "message"})
public record Cancelled(boolean success, String operationId, String childCancelled, String message)
    implements CancelReply {
  public Cancelled(String operationId, String childCancelled) {
    this(true, operationId, childCancelled, "Research cancelled");
  }
}
