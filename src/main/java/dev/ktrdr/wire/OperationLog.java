package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code GET /operations/{id}/log}: the newest lines of one operation's persisted log, oldest
 * first: {@code {"success": true, "data": [...]}}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"success", "data"})
public record OperationLog(@Always(true) boolean success, List<Line> data) {
  public static OperationLog of(List<Line> lines) {
    return new OperationLog(true, lines);
  }

  /** One line: a status change (with its two statuses) or a message. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"ts", "operation_id", "event", "from_status", "to_status", "message"})
  public record Line(
      @DateTime String ts,
      String operationId,
      @JsonPropertyDescription("created, status, progress, parameters or log") String event,
      @OneOf(Vocabulary.OPERATION_STATUS) @Nullable String fromStatus,
      @OneOf(Vocabulary.OPERATION_STATUS) @Nullable String toStatus,
      @Nullable String message) {}
}
