package dev.ktrdr.workers.local;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.ResearchParameters;
import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.ResearchCancelledException;
import dev.ktrdr.workers.WorkerType;
import dev.ktrdr.workers.stub.FaultInjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link JobCheckpoint#BRIEF_HOLDS}: the stubs' {@code INJECT_HOLD} marker, for real jobs. */
final class BriefHolds implements JobCheckpoint {
  private static final Logger log = LoggerFactory.getLogger(BriefHolds.class);
  private static final long SLICE_MILLIS = 20;

  @Override
  public void reached(Operation operation, WorkerType type, CancelSignal cancel) {
    FaultInjection.Stage stage =
        type == WorkerType.TRAINING ? FaultInjection.Stage.TRAINING : FaultInjection.Stage.BACKTEST;
    if (!FaultInjection.holdsAt(operation.param(ResearchParameters.BRIEF), stage)) {
      return;
    }
    log.info(
        "{} held mid-{} by INJECT_HOLD until it is cancelled",
        operation.operationId(),
        type.wire());
    while (true) {
      cancel.check();
      try {
        Thread.sleep(SLICE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ResearchCancelledException("interrupted");
      }
    }
  }
}
