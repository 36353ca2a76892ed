package dev.ktrdr.workers;

import dev.ktrdr.operations.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers by type, each available or busy with one operation. A worker is handed out by {@link
 * #dispatch} and given back by {@link #release}, which the worker's own end-of-work callback and
 * every cancel call; release is idempotent, so a worker can never stay busy after its operation
 * ended. Thread-safe.
 */
public final class WorkerRegistry {
  private static final Logger log = LoggerFactory.getLogger(WorkerRegistry.class);

  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private final Map<String, String> busyByWorker = new LinkedHashMap<>();

  public synchronized void register(Worker w) {
    if (workers.putIfAbsent(w.id(), w) != null) {
      throw new IllegalArgumentException("Worker already registered: " + w.id());
    }
  }

  /**
   * Starts {@code operation} on the first available worker of {@code type}. Returns that worker's
   * id, or empty when every worker of the type is busy (the caller waits and tries later).
   */
  public synchronized Optional<String> dispatch(WorkerType type, Operation operation) {
    for (Worker w : workers.values()) {
      if (w.type() == type && !busyByWorker.containsKey(w.id())) {
        String opId = operation.operationId();
        busyByWorker.put(w.id(), opId);
        log.info("Worker {} busy with {}", w.id(), opId);
        try {
          w.start(operation, () -> release(opId));
        } catch (RuntimeException e) {
          release(opId);
          throw e;
        }
        return Optional.of(w.id());
      }
    }
    return Optional.empty();
  }

  /** Makes the worker running {@code operationId} available again; no-op if none is. */
  public synchronized boolean release(String operationId) {
    String workerId = workerOf(operationId);
    if (workerId == null) {
      return false;
    }
    busyByWorker.remove(workerId);
    log.info("Worker {} available (was {})", workerId, operationId);
    return true;
  }

  /** Stops the work of {@code operationId} and releases its worker at once. */
  public synchronized boolean cancel(String operationId) {
    String workerId = workerOf(operationId);
    if (workerId == null) {
      return false;
    }
    workers.get(workerId).cancel(operationId);
    return release(operationId);
  }

  public synchronized boolean isRunning(String operationId) {
    return workerOf(operationId) != null;
  }

  public synchronized boolean hasAvailable(WorkerType type) {
    return total(type) > busy(type);
  }

  public synchronized int total(WorkerType type) {
    return (int) workers.values().stream().filter(w -> w.type() == type).count();
  }

  public synchronized int busy(WorkerType type) {
    return (int)
        busyByWorker.keySet().stream().filter(id -> workers.get(id).type() == type).count();
  }

  public synchronized List<WorkerSnapshot> snapshot() {
    List<WorkerSnapshot> out = new ArrayList<>();
    for (Worker w : workers.values()) {
      String op = busyByWorker.get(w.id());
      out.add(new WorkerSnapshot(w.id(), w.type(), op != null, op));
    }
    return out;
  }

  private String workerOf(String operationId) {
    for (Map.Entry<String, String> e : busyByWorker.entrySet()) {
      if (e.getValue().equals(operationId)) {
        return e.getKey();
      }
    }
    return null;
  }
}
