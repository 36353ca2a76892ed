package dev.ktrdr.operations;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, reads and changes operations. Every change is written to the store before it returns or
 * is published, and every status change is logged once with the operation id. Safe to call from any
 * thread; calls block for the duration of one database round trip.
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

  /** Creates a pending operation and returns it. */
  public Operation create(OperationType type, String parentId, Map<String, Object> parameters) {
    Instant now = clock.instant();
    Operation op =
        new Operation(
            OperationIds.next(type, now),
            parentId,
            type,
            OperationStatus.PENDING,
            now,
            null,
            null,
            0,
            null,
            parameters,
            null,
            null);
    store.insert(op);
    log.info(
        "Operation {} created ({}{})",
        op.operationId(),
        type.wire(),
        parentId == null ? "" : ", parent " + parentId);
    publish(
        new OperationEvent(
            now,
            op.operationId(),
            type,
            parentId,
            OperationEvent.Kind.CREATED,
            null,
            OperationStatus.PENDING,
            type.wire() + " created",
            op));
    return op;
  }

  public Transition start(String id) {
    return move(id, OperationStatus.RUNNING, null, null, null, "started");
  }

  public Transition complete(String id, Map<String, Object> resultSummary) {
    return move(id, OperationStatus.COMPLETED, null, resultSummary, null, "completed");
  }

  public Transition fail(String id, String error) {
    return move(id, OperationStatus.FAILED, error, null, null, "failed: " + error);
  }

  /** Cancels with {@code reason} as the error message, merging {@code parameterPatch} at once. */
  public Transition cancel(String id, String reason, Map<String, Object> parameterPatch) {
    return move(
        id, OperationStatus.CANCELLED, reason, null, parameterPatch, "cancelled: " + reason);
  }

  private Transition move(
      String id,
      OperationStatus to,
      String error,
      Map<String, Object> result,
      Map<String, Object> patch,
      String message) {
    Transition t = store.transition(id, to, clock.instant(), error, result, patch, message);
    if (t.applied()) {
      Operation op = t.operation();
      log.info(
          "Operation {} {} -> {}{}",
          id,
          t.from().wire(),
          to.wire(),
          error == null ? "" : " (" + error + ")");
      publish(
          new OperationEvent(
              clock.instant(),
              id,
              op.operationType(),
              op.parentOperationId(),
              OperationEvent.Kind.STATUS,
              t.from(),
              to,
              message,
              op));
    } else if (t.found()) {
      log.debug("Operation {}: {} refused, it is already {}", id, to.wire(), t.current().wire());
    }
    return t;
  }

  /**
   * Sets progress while the operation is active; false once it has ended. The change is kept in the
   * operation's log too, so an exported log has every progress step.
   */
  public boolean updateProgress(String id, double percentage, String step) {
    boolean ok = store.updateProgress(id, percentage, step);
    if (ok) {
      String message = Math.round(percentage) + "%" + (step == null ? "" : " · " + step);
      record(id, OperationEvent.Kind.PROGRESS, message);
      publishChange(id, OperationEvent.Kind.PROGRESS, message);
    }
    return ok;
  }

  /**
   * Merges parameters while the operation is active; false once it has ended. Which keys changed is
   * kept in the operation's log too.
   */
  public boolean mergeParameters(String id, Map<String, Object> patch) {
    boolean ok = store.mergeParameters(id, patch);
    if (ok) {
      String message = "parameters: " + String.join(", ", patch.keySet());
      record(id, OperationEvent.Kind.PARAMETERS, message);
      publishChange(id, OperationEvent.Kind.PARAMETERS, message);
    }
    return ok;
  }

  private void record(String id, OperationEvent.Kind kind, String message) {
    store.appendLog(new EventRecord(clock.instant(), id, kind, null, null, message));
  }

  /**
   * Publishes a non-status change with the operation as it now is (read only if anyone listens).
   */
  private void publishChange(String id, OperationEvent.Kind kind, String message) {
    if (listeners.isEmpty()) {
      return;
    }
    store
        .find(id)
        .ifPresent(
            op ->
                publish(
                    new OperationEvent(
                        clock.instant(),
                        id,
                        op.operationType(),
                        op.parentOperationId(),
                        kind,
                        null,
                        null,
                        message,
                        op)));
  }

  /** Adds a line to the operation's persisted log and tells the listeners. */
  public void log(String id, String message) {
    Instant now = clock.instant();
    store.appendLog(new EventRecord(now, id, OperationEvent.Kind.LOG, null, null, message));
    Optional<Operation> op = store.find(id);
    publish(
        new OperationEvent(
            now,
            id,
            op.map(Operation::operationType).orElse(null),
            op.map(Operation::parentOperationId).orElse(null),
            OperationEvent.Kind.LOG,
            null,
            null,
            message,
            op.orElse(null)));
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

  private void publish(OperationEvent e) {
    for (OperationListener l : listeners) {
      try {
        l.onEvent(e);
      } catch (RuntimeException ex) {
        log.warn("Listener failed on event for {}: {}", e.operationId(), ex.toString());
      }
    }
  }
}
