package dev.ktrdr.api;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An operation in its wire shape (SPEC §2); summaries and details share it. */
final class OperationView {
  private OperationView() {}

  static Map<String, Object> of(Operation op, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("operation_id", op.operationId());
    m.put("parent_operation_id", op.parentOperationId());
    m.put("operation_type", op.operationType().wire());
    m.put("status", op.status().wire());
    m.put("created_at", Timestamps.format(op.createdAt()));
    m.put("started_at", Timestamps.format(op.startedAt()));
    m.put("completed_at", Timestamps.format(op.completedAt()));
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("percentage", op.progressPercentage());
    progress.put("current_step", op.currentStep());
    m.put("progress", progress);
    m.put("metadata", Map.of("parameters", op.parameters()));
    m.put("error_message", op.errorMessage());
    m.put("result_summary", op.resultSummary());
    m.put("duration_seconds", Math.round(op.durationSeconds(now) * 10) / 10.0);
    return m;
  }
}
