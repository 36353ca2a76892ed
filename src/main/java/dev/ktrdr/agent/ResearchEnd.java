package dev.ktrdr.agent;

import dev.ktrdr.operations.CancelRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationWrites;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Transition;
import dev.ktrdr.workers.WorkerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one way a research is cancelled or failed, whoever asks. In one commit: the research's cancel
 * record (reason, who, when), its terminal status, every active child cancelled and a line in its
 * log. Then, in memory: its task cancelled and forgotten, its workers stopped and released, its
 * place in the worker queue given up. So no task, child or busy worker outlives a research. Callers
 * hold the research's lane.
 */
final class ResearchEnd {
  private final OperationsService ops;
  private final ChildTasks tasks;
  private final WorkerRegistry workers;
  private final WorkerQueue queue;

  ResearchEnd(OperationsService ops, ChildTasks tasks, WorkerRegistry workers, WorkerQueue queue) {
    this.ops = ops;
    this.tasks = tasks;
    this.workers = workers;
    this.queue = queue;
  }

  /**
   * What a cancel or a failure did: whether it applied, the operation's type and status now (null
   * when not found), the current child it cancelled (or null), and every child it ended.
   */
  record Outcome(
      boolean applied,
      OperationType type,
      OperationStatus status,
      String childCancelled,
      List<String> ended) {
    static Outcome refused(Operation op) {
      return refused(op.operationType(), op.status());
    }

    static Outcome refused(OperationType type, OperationStatus status) {
      return new Outcome(false, type, status, null, List.of());
    }

    static Outcome notFound() {
      return new Outcome(false, null, null, null, List.of());
    }
  }

  /**
   * Cancels the research if it exists, is a research and is active: decided and written in one
   * commit, reading nothing outside it (so a cancel never waits for a reader either).
   */
  Outcome cancel(String researchId, CancelRecord record) {
    Outcome o =
        ops.inTransaction(
            w -> {
              Optional<Operation> found = w.find(researchId);
              if (found.isEmpty()) {
                return Outcome.notFound();
              }
              Operation op = found.get();
              if (op.operationType() != OperationType.AGENT_RESEARCH || !op.isActive()) {
                return Outcome.refused(op);
              }
              String current = ResearchParams.currentChildId(op);
              w.updateResearch(researchId, s -> s.withCancel(record));
              Transition t =
                  w.transition(
                      researchId,
                      OperationStatus.CANCELLED,
                      record.reason(),
                      null,
                      "cancelled: " + record.reason());
              if (!t.applied()) {
                return Outcome.refused(OperationType.AGENT_RESEARCH, t.current());
              }
              List<String> ended = endChildren(w, researchId, "Parent research cancelled");
              String child = ended.contains(current) ? current : null;
              w.log(
                  researchId,
                  "Cancelled by "
                      + record.by()
                      + ": "
                      + record.reason()
                      + (child == null ? "" : " (child " + child + " cancelled)"));
              return new Outcome(
                  true, OperationType.AGENT_RESEARCH, OperationStatus.CANCELLED, child, ended);
            },
            true);
    if (o.applied()) {
      stopInMemory(researchId, o.ended());
    }
    return o;
  }

  Outcome fail(String researchId, String error) {
    Outcome o =
        ops.inTransaction(
            w -> {
              Transition t =
                  w.transition(researchId, OperationStatus.FAILED, error, null, "failed: " + error);
              if (!t.applied()) {
                return t.found()
                    ? Outcome.refused(t.operation().operationType(), t.current())
                    : Outcome.notFound();
              }
              List<String> ended = endChildren(w, researchId, "Research failed");
              return new Outcome(
                  true, OperationType.AGENT_RESEARCH, OperationStatus.FAILED, null, ended);
            },
            true);
    if (o.applied()) {
      stopInMemory(researchId, o.ended());
    }
    return o;
  }

  /** Cancels a child whose research has already ended (the generic cancel of a stray child). */
  Transition cancelStray(String childId, CancelRecord record) {
    Transition t =
        ops.inTransaction(
            w ->
                w.transition(
                    childId,
                    OperationStatus.CANCELLED,
                    record.reason(),
                    null,
                    "cancelled by " + record.by() + ": " + record.reason()),
            true);
    workers.cancel(childId);
    return t;
  }

  private static List<String> endChildren(OperationWrites w, String researchId, String reason) {
    List<String> ended = new ArrayList<>();
    for (Operation child : w.activeChildren(researchId)) {
      if (w.transition(
              child.operationId(), OperationStatus.CANCELLED, reason, null, "cancelled: " + reason)
          .applied()) {
        ended.add(child.operationId());
      }
    }
    return ended;
  }

  private void stopInMemory(String researchId, List<String> children) {
    tasks.cancel(researchId);
    for (String child : children) {
      workers.cancel(child); // no-op unless a worker still holds it
    }
    queue.forget(researchId);
  }
}
