package dev.ktrdr.agent;

import dev.ktrdr.workers.WorkerRegistry;
import dev.ktrdr.workers.WorkerType;
import java.util.function.IntSupplier;

/** How many researches may be active at once (SPEC §5). */
public final class ConcurrencyLimit {
  private ConcurrencyLimit() {}

  /**
   * {@code override} if above 0, else {@code max(1, trainingWorkers + backtestWorkers + buffer)}.
   */
  public static int of(int override, int trainingWorkers, int backtestWorkers, int buffer) {
    if (override > 0) {
      return override;
    }
    return Math.max(1, trainingWorkers + backtestWorkers + buffer);
  }

  /**
   * The limit as the registered workers make it now: {@code override} if above 0, else derived from
   * the live worker counts (remote workers joining and leaving move it).
   */
  public static IntSupplier following(int override, WorkerRegistry workers, int buffer) {
    if (override > 0) {
      return () -> override;
    }
    return () ->
        of(0, workers.total(WorkerType.TRAINING), workers.total(WorkerType.BACKTESTING), buffer);
  }
}
