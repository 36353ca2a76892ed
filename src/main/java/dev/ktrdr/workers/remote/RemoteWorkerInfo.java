package dev.ktrdr.workers.remote;

import dev.ktrdr.workers.WorkerType;
import java.time.Instant;
import java.util.List;

/** A registered worker process as the backend sees it. */
public record RemoteWorkerInfo(
    String workerId,
    WorkerType workerType,
    int capacity,
    String host,
    Instant lastSeen,
    List<String> running) {}
