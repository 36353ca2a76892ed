package dev.ktrdr.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One unit of tracked work as stored: an immutable snapshot. {@code parameters} is {@code
 * metadata.parameters}; for a research it is derived from its typed {@link #research()} state.
 * {@code resultSummary} may be null until the operation ends. {@code version} grows with every
 * committed change (one global sequence), so of two snapshots the larger version is the newer.
 */
public record Operation(
    String operationId,
    String parentOperationId,
    OperationType operationType,
    OperationStatus status,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    double progressPercentage,
    String currentStep,
    Map<String, Object> parameters,
    String errorMessage,
    Map<String, Object> resultSummary,
    Research research,
    long version) {

  public Operation {
    if (research != null) {
      parameters = ResearchParameters.of(research);
    }
    parameters =
        parameters == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    resultSummary =
        resultSummary == null
            ? null
            : Collections.unmodifiableMap(new LinkedHashMap<>(resultSummary));
  }

  /** An operation without typed research state and not yet stored (version 0). */
  public Operation(
      String operationId,
      String parentOperationId,
      OperationType operationType,
      OperationStatus status,
      Instant createdAt,
      Instant startedAt,
      Instant completedAt,
      double progressPercentage,
      String currentStep,
      Map<String, Object> parameters,
      String errorMessage,
      Map<String, Object> resultSummary) {
    this(
        operationId,
        parentOperationId,
        operationType,
        status,
        createdAt,
        startedAt,
        completedAt,
        progressPercentage,
        currentStep,
        parameters,
        errorMessage,
        resultSummary,
        null,
        0);
  }

  public boolean isActive() {
    return status.isActive();
  }

  /** A parameter as a string, or null when absent. */
  public String param(String key) {
    Object v = parameters.get(key);
    return v == null ? null : v.toString();
  }

  /** Seconds from start (or creation) to completion, or to {@code now} while it runs. */
  public double durationSeconds(Instant now) {
    Instant from = startedAt != null ? startedAt : createdAt;
    Instant to = completedAt != null ? completedAt : now;
    return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
  }
}
