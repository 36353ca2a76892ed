package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One operation: {@code {"success": true, "data": operation}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"success", "data"})
public record OperationEnvelope(@Always(true) boolean success, OperationData data) {
  public static OperationEnvelope of(OperationData data) {
    return new OperationEnvelope(true, data);
  }
}
