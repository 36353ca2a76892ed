package dev.ktrdr.agent;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The lock that makes a cancel atomic with respect to the coordinator: the coordinator advances one
 * research at a time while holding it, and a cancel holds it while it ends a research and its
 * children. One step takes milliseconds, so a cancel never waits long.
 */
public final class ResearchGuard {
  private final ReentrantLock lock = new ReentrantLock(true);

  public <T> T call(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  public void run(Runnable work) {
    call(
        () -> {
          work.run();
          return null;
        });
  }
}
