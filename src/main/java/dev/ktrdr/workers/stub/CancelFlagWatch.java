package dev.ktrdr.workers.stub;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that looks at the cancel flag of every parked stub every 50 ms and wakes the stubs
 * whose flag turned true. A flag cannot wake the thread it belongs to, so somebody has to look; one
 * watcher looking at N flags costs 20 wake-ups a second, where N stubs each looking at their own
 * cost 20 N. It sleeps while nobody waits.
 */
final class CancelFlagWatch {
  private static final Logger log = LoggerFactory.getLogger(CancelFlagWatch.class);
  static final Duration PERIOD = Duration.ofMillis(50);

  private static final CancelFlagWatch SHARED = new CancelFlagWatch();

  private final Set<Registration> waiting = ConcurrentHashMap.newKeySet();
  private final Thread thread;

  private CancelFlagWatch() {
    thread = new Thread(this::loop, "ktrdr-stub-cancel-watch");
    thread.setDaemon(true);
    thread.start();
  }

  static CancelFlagWatch shared() {
    return SHARED;
  }

  /** Wakes the calling thread when {@code cancelled} turns true, until the registration closes. */
  Registration watch(BooleanSupplier cancelled) {
    Registration r = new Registration(Thread.currentThread(), cancelled);
    waiting.add(r);
    LockSupport.unpark(thread); // it may be asleep with nobody to watch
    return r;
  }

  private void loop() {
    long period = PERIOD.toNanos();
    while (true) {
      if (waiting.isEmpty()) {
        LockSupport.park(this); // until the next registration
        continue;
      }
      LockSupport.parkNanos(this, period);
      for (Registration r : waiting) {
        try {
          if (r.cancelled.getAsBoolean()) {
            LockSupport.unpark(r.thread);
          }
        } catch (RuntimeException e) {
          log.warn("A stub's cancel flag failed: {}", e.toString());
          LockSupport.unpark(r.thread); // let it look for itself
        }
      }
    }
  }

  /** One parked stub and its flag. */
  final class Registration implements AutoCloseable {
    private final Thread thread;
    private final BooleanSupplier cancelled;

    private Registration(Thread thread, BooleanSupplier cancelled) {
      this.thread = thread;
      this.cancelled = cancelled;
    }

    @Override
    public void close() {
      waiting.remove(this);
    }
  }
}
