package dev.ktrdr.operations;

import java.time.Instant;

/**
 * A committed change to one operation, published to in-process listeners after the database write.
 * {@code from}/{@code to} are set for status changes; {@code operation} is the state after the
 * change (null for events read back from history).
 */
public record OperationEvent(
    Instant ts,
    String operationId,
    OperationType operationType,
    String parentOperationId,
    Kind kind,
    OperationStatus from,
    OperationStatus to,
    String message,
    Operation operation) {

  /** What changed. {@link #wire()} is the {@code event} field of exported logs. */
  public enum Kind {
    CREATED,
    STATUS,
    PROGRESS,
    PARAMETERS,
    LOG;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
