package dev.ktrdr.workers.stub;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * How a stub phase spends its time: {@code delay} split into steps that each report progress,
 * waiting in slices of at most 50 ms so that a cancel (interrupt or flag) is seen within 100 ms.
 */
public final class StubTiming {
  static final int STEPS = 20;
  private static final long SLICE_NANOS = Duration.ofMillis(50).toNanos();

  private final Duration delay;

  public StubTiming(Duration delay) {
    this.delay = delay;
  }

  public Duration delay() {
    return delay;
  }

  /**
   * Blocks for the phase's length, calling {@code onPercent} after each step. Throws
   * InterruptedException as soon as the thread is interrupted or {@code cancelled} says so.
   */
  public void run(IntConsumer onPercent, BooleanSupplier cancelled) throws InterruptedException {
    long stepNanos = delay.toNanos() / STEPS;
    for (int i = 1; i <= STEPS; i++) {
      long end = System.nanoTime() + stepNanos;
      long left;
      while ((left = end - System.nanoTime()) > 0) {
        checkCancelled(cancelled);
        Thread.sleep(Math.max(1, Math.min(left, SLICE_NANOS) / 1_000_000));
      }
      checkCancelled(cancelled);
      onPercent.accept(i * 100 / STEPS);
    }
  }

  /**
   * Blocks until the thread is interrupted or {@code cancelled} says so, then throws
   * InterruptedException: a phase held open by {@link FaultInjection#holdsAt}. Waits in the same 50
   * ms slices as {@link #run}, so a cancel is seen within 100 ms.
   */
  public void hold(BooleanSupplier cancelled) throws InterruptedException {
    while (true) {
      checkCancelled(cancelled);
      Thread.sleep(SLICE_NANOS / 1_000_000);
    }
  }

  /**
   * Blocks until {@code released} says so (then returns) or the thread is interrupted (then throws
   * InterruptedException), checking both every 50 ms.
   */
  public void holdUntil(BooleanSupplier released) throws InterruptedException {
    while (!released.getAsBoolean()) {
      checkCancelled(() -> false);
      Thread.sleep(SLICE_NANOS / 1_000_000);
    }
  }

  private static void checkCancelled(BooleanSupplier cancelled) throws InterruptedException {
    if (Thread.currentThread().isInterrupted() || cancelled.getAsBoolean()) {
      throw new InterruptedException("cancelled");
    }
  }
}
