package dev.ktrdr.operations;

/**
 * One status change (or creation) in the operations log, as the coordinator's safety sweep reads
 * them: which operation, of what type, under which parent, at which position of the log.
 */
public record StatusChange(
    long eventId, String operationId, OperationType operationType, String parentOperationId) {}
