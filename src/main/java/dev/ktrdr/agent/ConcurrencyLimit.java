package dev.ktrdr.agent;

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
}
