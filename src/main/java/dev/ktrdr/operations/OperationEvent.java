package dev.ktrdr.operations;

import java.time.Instant;

/**
 * A committed change to one operation, published to in-process listeners after the database commit,
 * in commit order. {@code from}/{@code to} are set for status changes; {@code operation} is the
 * state after the change (null for events read back from history). {@code version} is that
 * snapshot's version: a listener that may see events out of order (say, after handing them to
 * another thread) keeps the larger one and drops any older snapshot of the same operation.
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
    Operation operation,
    long version) {

  /** An event without a version (built by hand, or read back from history). */
  public OperationEvent(
      Instant ts,
      String operationId,
      OperationType operationType,
      String parentOperationId,
      Kind kind,
      OperationStatus from,
      OperationStatus to,
      String message,
      Operation operation) {
    this(
        ts,
        operationId,
        operationType,
        parentOperationId,
        kind,
        from,
        to,
        message,
        operation,
        operation == null ? 0 : operation.version());
  }

  /** True when this event's snapshot is newer than {@code other}'s (same operation). */
  public boolean isNewerThan(OperationEvent other) {
    return other == null || version > other.version;
  }

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
