package dev.ktrdr.operations;

import java.time.Instant;

/** One line of an operation's persisted log: a status change or a message. */
public record EventRecord(
    Instant ts,
    String operationId,
    OperationEvent.Kind kind,
    OperationStatus from,
    OperationStatus to,
    String message) {}
