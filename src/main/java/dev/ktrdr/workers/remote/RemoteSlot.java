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
  private final java.util.function.BiConsumer<Operation, Runnable> left;

  /** {@code left} ends an operation handed to this slot after its worker was lost. */
  RemoteSlot(
      String id, RemoteSession session, java.util.function.BiConsumer<Operation, Runnable> left) {
    this.id = id;
    this.session = session;
    this.left = left;
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
    if (!session.offer(operation, onEnd)) {
      left.accept(operation, onEnd); // lost between the reserve and this start
    }
  }

  @Override
  public void cancel(String operationId) {
    session.cancel(operationId);
  }
}
