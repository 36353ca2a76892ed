package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** One operation (SPEC §2); list entries and single replies share it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "operation_id",
  "parent_operation_id",
  "operation_type",
  "status",
  "created_at",
  "started_at",
  "completed_at",
  "progress",
  "metadata",
  "error_message",
  "result_summary",
  "duration_seconds"
})
public record OperationData(
    String operationId,
    @JsonPropertyDescription("The research a child belongs to") @Nullable String parentOperationId,
    @OneOf(Vocabulary.OPERATION_TYPE) String operationType,
    @OneOf(Vocabulary.OPERATION_STATUS) String status,
    @DateTime String createdAt,
    @DateTime @Nullable String startedAt,
    @DateTime @Nullable String completedAt,
    Progress progress,
    Metadata metadata,
    @Nullable String errorMessage,
    @Nullable Map<String, Object> resultSummary,
    @JsonPropertyDescription("Seconds from start to end, or to now while running")
        double durationSeconds) {

  /** How far the operation is. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"percentage", "current_step"})
  public record Progress(
      @JsonPropertyDescription("0 to 100") double percentage, @Nullable String currentStep) {}

  /** {@code parameters}: for a research, its phase, child ids, strategy and results (SPEC §3). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Metadata(Map<String, Object> parameters) {}
}
