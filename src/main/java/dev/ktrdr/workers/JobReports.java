package dev.ktrdr.workers;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationsService;
import java.util.Map;
import java.util.Optional;

/**
 * Where a worker's job reports how it goes: straight into the operations store for a worker in the
 * backend's process, over HTTP for a worker on another machine ({@code ktrdr worker}). The job code
 * (stub phases, {@code TrainingJob}, {@code BacktestJob}) is the same either way; only this seam
 * differs. Every write is conditional on the operation still being active, so a report about an
 * operation that was cancelled meanwhile changes nothing.
 */
public interface JobReports {
  /** Marks the operation running; false when it was cancelled before it began (do not run it). */
  boolean start(String operationId);

  /** Progress 0–100 with a short step; ignored once the operation has ended. */
  void progress(String operationId, double percent, String step);

  /** The job's result; refused (nothing changes) once the operation has ended. */
  void complete(String operationId, Map<String, Object> result);

  /** The job could not run; {@code error} says why in words a user can act on. */
  void fail(String operationId, String error);

  /** An operation whose result a job reads (a backtest reads its training's fitted model). */
  Optional<Operation> find(String operationId);

  /** Reports written directly through the engine's operations service. */
  static JobReports of(OperationsService ops) {
    return new JobReports() {
      @Override
      public boolean start(String operationId) {
        return ops.start(operationId).applied();
      }

      @Override
      public void progress(String operationId, double percent, String step) {
        ops.updateProgress(operationId, percent, step);
      }

      @Override
      public void complete(String operationId, Map<String, Object> result) {
        ops.complete(operationId, result);
      }

      @Override
      public void fail(String operationId, String error) {
        ops.fail(operationId, error);
      }

      @Override
      public Optional<Operation> find(String operationId) {
        return ops.get(operationId);
      }
    };
  }
}
