package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** 200: {@code {"success": true, "operation_id", "child_cancelled": ID_OR_NULL, "message"}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"success", "operation_id", "child_cancelled", "message"})
public record CancelSuccess(
    @Always(true) boolean success,
    @JsonPropertyDescription("The research (or operation) now cancelled") String operationId,
    @JsonPropertyDescription("Its child operation cancelled with it, if one was running") @Nullable
        String childCancelled,
    String message) {
  public static CancelSuccess of(String operationId, String childCancelled, String message) {
    return new CancelSuccess(true, operationId, childCancelled, message);
  }
}
