package dev.ktrdr.operations;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where operations live. Every write that could race is conditional: it applies only while the
 * operation is in an expected status, so a terminal operation is never changed. Implementations
 * must be safe to call from any thread. SQLite today; a shared PostgreSQL store later.
 */
public interface OperationStore extends AutoCloseable {

  void insert(Operation operation);

  Optional<Operation> find(String operationId);

  /** The operations with these ids that exist, in no particular order. One round trip. */
  List<Operation> findAll(Collection<String> operationIds);

  /** Newest first, with the total matching count and the active count. */
  OperationPage list(OperationQuery query);

  /** Direct children of an operation, oldest first. */
  List<Operation> children(String parentOperationId);

  /** Active (pending/running) operations of a type, oldest first, in one query. */
  List<Operation> active(OperationType type);

  int countActive(OperationType type);

  /**
   * Moves the operation to {@code to} if {@link OperationStatus#isAllowed} permits it from its
   * current status, together with the given error, result and parameter changes, and records the
   * change in the log, all in one transaction.
   */
  Transition transition(
      String operationId,
      OperationStatus to,
      Instant at,
      String errorMessage,
      Map<String, Object> resultSummary,
      Map<String, Object> parameterPatch,
      String logMessage);

  /** Sets progress if the operation is still active; false otherwise. */
  boolean updateProgress(String operationId, double percentage, String currentStep);

  /** Merges keys into the parameters if the operation is still active; false otherwise. */
  boolean mergeParameters(String operationId, Map<String, Object> patch);

  void appendLog(EventRecord record);

  /** Log lines of one operation (or of all, with null), oldest first, at most {@code limit}. */
  List<EventRecord> history(String operationId, int limit);

  @Override
  void close();
}
