package dev.ktrdr.workers.remote;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.workers.Worker;
import dev.ktrdr.workers.WorkerType;

/**
 * One unit of a remote worker's capacity, as the engine's {@link dev.ktrdr.workers.WorkerRegistry}
 * sees it: {@link #start} hands the job to the worker's next poll, {@link #cancel} wakes its poll
 * at once with the cancel.
 */
final class RemoteSlot implements Worker {
  private final String id;
  private final RemoteSession session;

  RemoteSlot(String id, RemoteSession session) {
    this.id = id;
    this.session = session;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public WorkerType type() {
    return session.type();
  }

  @Override
  public void start(Operation operation, Runnable onEnd) {
    session.offer(operation, onEnd);
  }

  @Override
  public void cancel(String operationId) {
    session.cancel(operationId);
  }
}
