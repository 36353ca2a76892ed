package dev.ktrdr.agent.reply;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.ktrdr.operations.OperationStatus;

/** {@code {"success": false, "reason", "message"}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"success", "reason", "message"})
public record CancelRefused(boolean success, String reason, String message) implements CancelReply {
  public static final String NOT_FOUND = "not_found";
  public static final String NOT_RESEARCH = "not_research";
  public static final String NOT_CANCELLABLE = "not_cancellable";

  public static CancelRefused notFound(String id) {
    return new CancelRefused(false, NOT_FOUND, "Operation not found: " + id);
  }

  public static CancelRefused notResearch(String id) {
    return new CancelRefused(false, NOT_RESEARCH, "Operation is not a research: " + id);
  }

  public static CancelRefused notCancellable(OperationStatus status) {
    return new CancelRefused(
        false, NOT_CANCELLABLE, "Cannot cancel " + status.wire() + " operation");
  }
}
