package dev.ktrdr.workers;

import dev.ktrdr.operations.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers by type, each available or busy with one operation. A worker is taken by {@link #reserve}
 * (busy at once, before its operation even exists, so that nobody else can take it in between) and
 * started through its {@link Lease}; it is given back by {@link #release}, which the worker's own
 * end-of-work callback and every cancel call. Release is idempotent, so a worker can never stay
 * busy after its operation ended; each release tells the {@code onFreed} listener which type of
 * worker came free. Thread-safe.
 */
public final class WorkerRegistry {
  private static final Logger log = LoggerFactory.getLogger(WorkerRegistry.class);
  private static final String RESERVED = "(reserved)";

  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private final Map<String, String> busyByWorker = new LinkedHashMap<>();
  private volatile Consumer<WorkerType> onFreed = t -> {};
  private volatile Predicate<String> reclaimable = op -> false;

  /**
   * Adds an available worker; a research waiting for its type is told at once (a remote worker
   * registering is capacity arriving).
   */
  public void register(Worker w) {
    add(w);
    onFreed.accept(w.type());
  }

  private synchronized void add(Worker w) {
    if (workers.putIfAbsent(w.id(), w) != null) {
      throw new IllegalArgumentException("Worker already registered: " + w.id());
    }
  }

  /**
   * Registers {@code w} already busy with {@code operationId}: a remote worker that reconnects
   * after the backend restarted and reports the job it kept running. {@code w} is not started
   * again.
   */
  public synchronized void registerBusy(Worker w, String operationId) {
    add(w);
    busyByWorker.put(w.id(), operationId);
    log.debug("Worker {} busy with {} (reclaimed)", w.id(), operationId);
  }

  /**
   * Removes the worker: a remote worker that left or was lost. Whoever removes a busy worker has
   * ended its operation first; the slot is gone, so nothing is freed.
   */
  public synchronized boolean unregister(String workerId) {
    busyByWorker.remove(workerId);
    return workers.remove(workerId) != null;
  }

  /**
   * Tells the engine which active operations no registered worker runs yet but a remote worker may
   * still reclaim (the backend restarted under it): the engine leaves those alone meanwhile.
   */
  public void reclaimable(Predicate<String> awaitingReclaim) {
    this.reclaimable = awaitingReclaim;
  }

  /**
   * Whether a remote worker may still come back for {@code operationId} (see {@link #reclaimable}).
   */
  public boolean awaitsReclaim(String operationId) {
    return reclaimable.test(operationId);
  }

  /** Called, outside the registry's lock, whenever a worker becomes available. */
  public void onFreed(Consumer<WorkerType> listener) {
    this.onFreed = listener;
  }

  /**
   * Takes the first available worker of {@code type} and holds it busy for the caller, who then
   * starts it on an operation or releases it. Empty when every worker of the type is busy.
   */
  public synchronized Optional<Lease> reserve(WorkerType type) {
    for (Worker w : workers.values()) {
      if (w.type() == type && !busyByWorker.containsKey(w.id())) {
        busyByWorker.put(w.id(), RESERVED);
        return Optional.of(new Lease(w));
      }
    }
    return Optional.empty();
  }

  /**
   * Starts {@code operation} on the first available worker of {@code type}. Returns that worker's
   * id, or empty when every worker of the type is busy.
   */
  public Optional<String> dispatch(WorkerType type, Operation operation) {
    return reserve(type).map(lease -> lease.start(operation));
  }

  /** Makes the worker running {@code operationId} available again; no-op if none is. */
  public boolean release(String operationId) {
    WorkerType freed;
    synchronized (this) {
      String workerId = workerOf(operationId);
      if (workerId == null) {
        return false;
      }
      busyByWorker.remove(workerId);
      Worker w = workers.get(workerId);
      if (w == null) {
        return true; // a remote worker that left meanwhile: nothing came free
      }
      freed = w.type();
      log.debug("Worker {} available (was {})", workerId, operationId);
    }
    onFreed.accept(freed);
    return true;
  }

  /** Stops the work of {@code operationId} and releases its worker at once. */
  public boolean cancel(String operationId) {
    Worker w;
    synchronized (this) {
      String workerId = workerOf(operationId);
      if (workerId == null) {
        return false;
      }
      w = workers.get(workerId);
    }
    w.cancel(operationId);
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
        busyByWorker.keySet().stream()
            .map(workers::get)
            .filter(w -> w != null && w.type() == type)
            .count();
  }

  public synchronized List<WorkerSnapshot> snapshot() {
    List<WorkerSnapshot> out = new ArrayList<>();
    for (Worker w : workers.values()) {
      String op = busyByWorker.get(w.id());
      out.add(new WorkerSnapshot(w.id(), w.type(), op != null, RESERVED.equals(op) ? null : op));
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

  /** A worker held for one caller: start it once, or release it. */
  public final class Lease {
    private final Worker worker;
    private boolean done;

    private Lease(Worker worker) {
      this.worker = worker;
    }

    public WorkerType type() {
      return worker.type();
    }

    /** Starts the held worker on {@code operation}; returns the worker's id. */
    public String start(Operation operation) {
      String opId = operation.operationId();
      synchronized (WorkerRegistry.this) {
        if (done) {
          throw new IllegalStateException("Lease already used");
        }
        done = true;
        if (workers.containsKey(worker.id())) { // a remote worker may have left since reserve
          busyByWorker.put(worker.id(), opId);
        }
      }
      log.debug("Worker {} busy with {}", worker.id(), opId);
      try {
        worker.start(operation, () -> WorkerRegistry.this.release(opId));
      } catch (RuntimeException e) {
        WorkerRegistry.this.release(opId);
        throw e;
      }
      return worker.id();
    }

    /** Gives the worker back unused. */
    public void release() {
      synchronized (WorkerRegistry.this) {
        if (done) {
          return;
        }
        done = true;
        busyByWorker.remove(worker.id());
      }
      onFreed.accept(worker.type());
    }
  }
}
