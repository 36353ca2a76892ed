package dev.ktrdr.workers.remote;

import dev.ktrdr.workers.WorkerType;
import java.util.Map;

/**
 * One training or backtest handed to a remote worker: everything it needs to run the phase without
 * the backend's database. {@code parameters} are the child operation's (brief, strategy spec,
 * dataset id, seed, …); for a backtest {@code trainingResult} is the result of the training it
 * tests, fitted model included (null for training). A dataset the worker does not bundle it reads
 * from the backend's {@code GET /data/{id}/bars}.
 */
public record RemoteJob(
    String operationId,
    String researchId,
    WorkerType type,
    Map<String, Object> parameters,
    Map<String, Object> trainingResult) {}
