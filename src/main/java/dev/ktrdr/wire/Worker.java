package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One entry of {@code GET /workers}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"worker_id", "worker_type", "status", "current_operation_id"})
public record Worker(
    String workerId,
    @OneOf(Vocabulary.WORKER_TYPE) String workerType,
    State status,
    @Nullable String currentOperationId) {

  /** Whether the worker runs an operation now. */
  public enum State {
    @JsonProperty("available")
    AVAILABLE,
    @JsonProperty("busy")
    BUSY
  }
}
