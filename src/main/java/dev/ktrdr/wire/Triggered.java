package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** 202: {@code {"triggered": true, "operation_id", "model", "message"}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"triggered", "operation_id", "model", "message"})
public record Triggered(
    @Always(true) boolean triggered, String operationId, String model, String message) {
  public static Triggered of(String operationId, String model, String message) {
    return new Triggered(true, operationId, model, message);
  }
}
