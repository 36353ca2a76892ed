package dev.ktrdr.operations;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, reads and changes operations. Every change is committed before it returns and before it
 * is published; every status change is logged once, with the operation id, at INFO (creation and
 * progress at DEBUG). Safe to call from any thread.
 *
 * <p>Threads: reads run on the caller's thread and never wait for writes. Writes are queued to the
 * store's one writer thread, batched into shared commits; the caller waits for its commit (about a
 * millisecond). Listeners are called on the writer thread, after the commit, in commit order: they
 * must return quickly and must not write synchronously (that would wait on itself, and throws).
 */
public final class OperationsService {
  private static final Logger log = LoggerFactory.getLogger(OperationsService.class);

  private final OperationStore store;
  private final Clock clock;
  private final List<OperationListener> listeners = new CopyOnWriteArrayList<>();

  public OperationsService(OperationStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  public void addListener(OperationListener l) {
    listeners.add(l);
  }

  public void removeListener(OperationListener l) {
    listeners.remove(l);
  }

  /**
   * Runs {@code unit} atomically on the writer thread and waits for its commit. Urgent units (a
   * trigger, a cancel) are committed ahead of routine ones.
   */
  public <T> T inTransaction(Function<OperationWrites, T> unit, boolean urgent) {
    return store.writeAndWait(unit, urgent, clock, this::publish);
  }

  /** {@link #inTransaction} without waiting: the future completes after the commit. */
  public <T> CompletableFuture<T> inTransactionAsync(
      Function<OperationWrites, T> unit, boolean urgent) {
    return store.write(unit, urgent, clock, this::publish);
  }

  /** Creates a pending operation and returns it. */
  public Operation create(OperationType type, String parentId, Map<String, Object> parameters) {
    return inTransaction(w -> w.insert(type, parentId, parameters), false);
  }

  public Transition start(String id) {
    return move(id, OperationStatus.RUNNING, null, null, "started");
  }

  public Transition complete(String id, Map<String, Object> resultSummary) {
    return move(id, OperationStatus.COMPLETED, null, resultSummary, "completed");
  }

  public Transition fail(String id, String error) {
    return move(id, OperationStatus.FAILED, error, null, "failed: " + error);
  }

  /** Cancels with {@code reason} as the error message. */
  public Transition cancel(String id, String reason) {
    return move(id, OperationStatus.CANCELLED, reason, null, "cancelled: " + reason);
  }

  private Transition move(
      String id, OperationStatus to, String error, Map<String, Object> result, String message) {
    Transition t =
        inTransaction(w -> w.transition(id, to, error, result, message), to.isTerminal());
    if (!t.applied() && t.found()) {
      log.debug("Operation {}: {} refused, it is already {}", id, to.wire(), t.current().wire());
    }
    return t;
  }

  /** Sets progress while the operation is active; false once it has ended. */
  public boolean updateProgress(String id, double percentage, String step) {
    return inTransaction(w -> w.updateProgress(id, percentage, step), false);
  }

  /**
   * {@link #updateProgress} without waiting for its commit: for progress nobody waits on (a timer
   * reporting a step). Progress writes are committed in the order they are queued.
   */
  public void updateProgressLater(String id, double percentage, String step) {
    inTransactionAsync(w -> w.updateProgress(id, percentage, step), false)
        .exceptionally(
            e -> {
              log.warn("Progress of {} was not recorded: {}", id, e.toString());
              return false;
            });
  }

  /** Changes a research's typed state while it is active; empty once it has ended. */
  public Optional<Operation> updateResearch(String id, UnaryOperator<Research> change) {
    return inTransaction(w -> w.updateResearch(id, change), false);
  }

  /** Adds a line to the operation's persisted log and tells the listeners. */
  public void log(String id, String message) {
    inTransaction(
        w -> {
          w.log(id, message);
          return null;
        },
        false);
  }

  public Optional<Operation> get(String id) {
    return store.find(id);
  }

  public List<Operation> getAll(Collection<String> ids) {
    return store.findAll(ids);
  }

  public OperationPage list(OperationQuery query) {
    return store.list(query);
  }

  /** Operations changed after {@code afterVersion}, oldest change first, at most {@code limit}. */
  public List<Operation> changedSince(long afterVersion, int limit) {
    return store.changedSince(afterVersion, limit);
  }

  public List<Operation> children(String parentId) {
    return store.children(parentId);
  }

  /** Active operations of one type, oldest first: one query. */
  public List<Operation> active(OperationType type) {
    return store.active(type);
  }

  public int countActive(OperationType type) {
    return store.countActive(type);
  }

  public List<EventRecord> history(String operationId, int limit) {
    return store.history(operationId, limit);
  }

  /** Creations and status changes after a position of the log (the coordinator's sweep). */
  public List<StatusChange> statusChangesSince(long afterEventId, int limit) {
    return store.statusChangesSince(afterEventId, limit);
  }

  public long lastEventId() {
    return store.lastEventId();
  }

  /** On the writer thread, after the commit: log each state change once, then tell listeners. */
  private void publish(List<OperationEvent> events) {
    for (OperationEvent e : events) {
      logChange(e);
      for (OperationListener l : listeners) {
        try {
          l.onEvent(e);
        } catch (RuntimeException ex) {
          log.warn("Listener failed on event for {}: {}", e.operationId(), ex.toString());
        }
      }
    }
  }

  /**
   * One INFO line per status change, naming the operation, its type and parent; creation, progress,
   * parameters and log lines at DEBUG (1,000 researches make about 10,000 INFO lines, not more).
   */
  private static void logChange(OperationEvent e) {
    if (e.kind() == OperationEvent.Kind.STATUS) {
      Operation op = e.operation();
      String error = op == null || e.to().isActive() ? null : op.errorMessage();
      log.info(
          "Operation {} ({}{}) {} -> {}{}",
          e.operationId(),
          e.operationType(),
          e.parentOperationId() == null ? "" : ", parent " + e.parentOperationId(),
          e.from(),
          e.to(),
          error == null ? "" : ": " + error);
    } else if (log.isDebugEnabled()) {
      log.debug("Operation {} {}: {}", e.operationId(), e.kind().wire(), e.message());
    }
  }
}
