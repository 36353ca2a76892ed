package dev.ktrdr.research;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * How long-running research work learns that it should stop: a flag the caller sets, or an
 * interrupt of the working thread. Work calls {@link #check()} at least every few milliseconds of
 * computation and stops by throwing {@link ResearchCancelledException}; it never returns a partial
 * result.
 */
@FunctionalInterface
public interface CancelSignal {
  /** A signal that is never raised (the thread's interrupt still counts). */
  CancelSignal NONE = () -> false;

  /** True once the caller asked to stop. Must be cheap: it is called in inner loops. */
  boolean isCancelled();

  /**
   * Throws {@link ResearchCancelledException} if the caller asked to stop or the current thread was
   * interrupted (the interrupt flag is kept set, so the caller can still see it).
   */
  default void check() {
    if (isCancelled()) {
      throw new ResearchCancelledException("cancelled");
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new ResearchCancelledException("interrupted");
    }
  }

  /** A signal raised when {@code flag} becomes true. */
  static CancelSignal of(AtomicBoolean flag) {
    return flag::get;
  }

  /** A signal raised when {@code supplier} returns true. */
  static CancelSignal of(BooleanSupplier supplier) {
    return supplier::getAsBoolean;
  }
}
