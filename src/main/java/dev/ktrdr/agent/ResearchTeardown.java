package dev.ktrdr.agent;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Transition;
import dev.ktrdr.workers.WorkerRegistry;

/**
 * Stops everything an ended research left going: its in-process task, every active child operation,
 * and the workers those children hold. Used by cancel and by failure, so that no task, child or
 * busy worker outlives a research.
 */
final class ResearchTeardown {
  private final OperationsService ops;
  private final ChildTasks tasks;
  private final WorkerRegistry workers;

  ResearchTeardown(OperationsService ops, ChildTasks tasks, WorkerRegistry workers) {
    this.ops = ops;
    this.tasks = tasks;
    this.workers = workers;
  }

  /** Returns {@code currentChildId} if this call cancelled it (it was still active), else null. */
  String stop(String researchId, String currentChildId, String reason) {
    tasks.cancel(researchId);
    String cancelledCurrent = null;
    for (Operation child : ops.children(researchId)) {
      String childId = child.operationId();
      if (child.isActive()) {
        Transition t = ops.cancel(childId, reason, null);
        if (t.applied() && childId.equals(currentChildId)) {
          cancelledCurrent = childId;
        }
      }
      workers.cancel(childId); // no-op unless a worker still holds it
    }
    return cancelledCurrent;
  }
}
