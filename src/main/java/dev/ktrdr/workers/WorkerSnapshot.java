package dev.ktrdr.workers;

/** A worker as the registry sees it at one moment. */
public record WorkerSnapshot(
    String workerId, WorkerType workerType, boolean busy, String currentOperationId) {}
