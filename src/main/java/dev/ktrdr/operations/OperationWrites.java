package dev.ktrdr.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The writes of one unit of work (see {@link OperationsService#inTransaction}): they run on the
 * store's one writer thread, all or none of them commit, and nothing else writes in between, so a
 * read here followed by a write is atomic. Each change is published as an event after the commit.
 * Valid only inside its unit.
 */
public interface OperationWrites {
  /** The time of this unit's changes. */
  Instant now();

  /** The operation as this unit sees it (its own changes included). */
  Optional<Operation> find(String operationId);

  /**
   * Stores a new pending operation. For {@code agent_research} the parameters are read into its
   * typed {@link Research}.
   */
  Operation insert(OperationType type, String parentId, Map<String, Object> parameters);

  /** Stores a new pending research with its typed state. */
  Operation insertResearch(Research research);

  /**
   * Moves the operation to {@code to} if {@link OperationStatus#isAllowed} permits it from its
   * current status, with the given error and result, and logs the change.
   */
  Transition transition(
      String operationId,
      OperationStatus to,
      String errorMessage,
      Map<String, Object> resultSummary,
      String logMessage);

  /** Sets progress while the operation is active; false once it has ended. */
  boolean updateProgress(String operationId, double percentage, String currentStep);

  /**
   * Changes a research's typed state while it is active; empty once it has ended (or when it is not
   * a research). A phase move the {@link PhaseTransitions} table forbids throws.
   */
  Optional<Operation> updateResearch(String researchId, UnaryOperator<Research> change);

  /** Adds a line to the operation's log. */
  void log(String operationId, String message);

  /** Active operations of a type, counting this unit's changes. */
  int countActive(OperationType type);

  /** The active direct children of an operation, oldest first. */
  List<Operation> activeChildren(String parentId);
}
