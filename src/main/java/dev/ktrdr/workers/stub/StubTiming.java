package dev.ktrdr.workers.stub;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * How a stub phase spends its time: {@code delay} split into steps that each report progress. The
 * thread sleeps (parked) through each whole step and wakes only to report, or when it is cancelled:
 * an interrupt (what {@code Task.cancel(true)} and {@code Future.cancel(true)} do) wakes it at
 * once, and a cancel flag that turns true is seen by the shared {@link CancelFlagWatch} within 50
 * ms. So a thousand running stubs cost a few wake-ups a second, not twenty thousand, and each still
 * stops within 100 ms of its cancel (SPEC §4).
 */
public final class StubTiming {
  static final int STEPS = 20;

  /**
   * The cancel flag of work that is stopped only by an interrupt (a worker's job): its waits are
   * not watched.
   */
  public static final BooleanSupplier INTERRUPT_ONLY = () -> false;

  private static final long RELEASE_CHECK_NANOS = Duration.ofMillis(50).toNanos();

  private final Duration delay;

  public StubTiming(Duration delay) {
    this.delay = delay;
  }

  public Duration delay() {
    return delay;
  }

  /** How many progress steps a phase has. */
  public int steps() {
    return STEPS;
  }

  /** How long one step lasts. */
  public Duration stepLength() {
    return Duration.ofNanos(delay.toNanos() / STEPS);
  }

  /** The progress reported after step {@code i} (1 to {@link #steps()}). */
  public int percentAfter(int i) {
    return i * 100 / STEPS;
  }

  /**
   * Blocks for the phase's length, calling {@code onPercent} after each step. Throws
   * InterruptedException as soon as the thread is interrupted or {@code cancelled} says so.
   */
  public void run(IntConsumer onPercent, BooleanSupplier cancelled) throws InterruptedException {
    long stepNanos = stepLength().toNanos();
    for (int i = 1; i <= STEPS; i++) {
      waitFor(stepNanos, cancelled);
      onPercent.accept(percentAfter(i));
    }
  }

  /**
   * Blocks until the thread is interrupted or {@code cancelled} says so, then throws
   * InterruptedException: a phase held open by {@link FaultInjection#holdsAt}.
   */
  public void hold(BooleanSupplier cancelled) throws InterruptedException {
    waitFor(Long.MAX_VALUE, cancelled);
  }

  /** Parks for {@code nanos} (or until cancelled); spurious wake-ups just park again. */
  private static void waitFor(long nanos, BooleanSupplier cancelled) throws InterruptedException {
    checkCancelled(cancelled);
    if (nanos <= 0) {
      return;
    }
    long start = System.nanoTime();
    CancelFlagWatch.Registration watched =
        cancelled == INTERRUPT_ONLY ? null : CancelFlagWatch.shared().watch(cancelled);
    try {
      long left;
      while ((left = nanos - (System.nanoTime() - start)) > 0) {
        LockSupport.parkNanos(StubTiming.class, left);
        checkCancelled(cancelled);
      }
    } finally {
      if (watched != null) {
        watched.close();
      }
    }
  }

  /**
   * Blocks until {@code released} says so (then returns) or the thread is interrupted (then throws
   * InterruptedException), checking both every 50 ms.
   */
  public void holdUntil(BooleanSupplier released) throws InterruptedException {
    while (!released.getAsBoolean()) {
      checkCancelled(INTERRUPT_ONLY);
      LockSupport.parkNanos(StubTiming.class, RELEASE_CHECK_NANOS);
    }
    checkCancelled(INTERRUPT_ONLY);
  }

  private static void checkCancelled(BooleanSupplier cancelled) throws InterruptedException {
    if (Thread.currentThread().isInterrupted() || cancelled.getAsBoolean()) {
      throw new InterruptedException("cancelled");
    }
  }
}
