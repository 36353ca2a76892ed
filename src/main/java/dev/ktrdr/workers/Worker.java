package dev.ktrdr.workers;

import dev.ktrdr.operations.Operation;

/**
 * Something that runs training or backtests: an in-process stub today, a remote machine registered
 * over HTTP later. A worker reports progress and its ending through its operation (via the
 * operations service), never by return value, so that the coordinator reads one truth.
 */
public interface Worker {
  String id();

  WorkerType type();

  /**
   * Starts work on {@code operation} (stored, pending) and returns at once. {@code onEnd} must be
   * called exactly once, when the work has stopped, however it ended.
   */
  void start(Operation operation, Runnable onEnd);

  /** Asks the work for {@code operationId} to stop; returns at once. Unknown ids are ignored. */
  void cancel(String operationId);
}
