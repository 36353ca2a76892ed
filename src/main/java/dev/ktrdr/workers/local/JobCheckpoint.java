package dev.ktrdr.workers.local;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.workers.WorkerType;

/**
 * A point in the middle of a local job where it may be held open: training after its first epoch
 * (the model half fitted), a backtest once its dataset and model are loaded. The job's operation is
 * {@code running} and its worker busy while it is held. In the product the brief's {@code
 * INJECT_HOLD:training|backtest} marker holds there ({@link #BRIEF_HOLDS}), so that a demo or an
 * end-to-end test can cancel real work mid-way without racing its end; in-process tests pass their
 * own gate.
 */
@FunctionalInterface
public interface JobCheckpoint {
  /** Never holds. */
  JobCheckpoint NONE = (operation, type, cancel) -> {};

  /** Holds the jobs whose brief carries {@code INJECT_HOLD} for their phase, until cancelled. */
  JobCheckpoint BRIEF_HOLDS = new BriefHolds();

  /**
   * Called once per job on the job's thread. May block; once {@code cancel} is raised (or the
   * thread interrupted) it must return or throw {@link
   * dev.ktrdr.research.ResearchCancelledException} promptly (within 50 ms).
   */
  void reached(Operation operation, WorkerType type, CancelSignal cancel);
}
