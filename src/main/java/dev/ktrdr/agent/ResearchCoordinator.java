package dev.ktrdr.agent;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one loop that advances every active research (SPEC §5). Each cycle reads all active
 * researches in one query and their current children in a second, advances each research one step
 * under the {@link ResearchGuard} (oldest first), then sleeps the poll interval (fixed delay). An
 * exception while advancing one research fails that research only. The loop starts on {@link
 * #wake()} and stops by itself when no research is active.
 */
public final class ResearchCoordinator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ResearchCoordinator.class);

  private final OperationsService ops;
  private final ResearchStepper stepper;
  private final ResearchGuard guard;
  private final Duration pollInterval;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition sleeper = lock.newCondition();

  /** Researches that ended after this cycle's read: a step must never touch them again. */
  private final Set<String> endedSinceRead = ConcurrentHashMap.newKeySet();

  private Thread thread;
  private boolean running;
  private boolean wakeRequested;
  private boolean closed;
  private volatile LastCycle lastCycle;

  ResearchCoordinator(
      OperationsService ops, ResearchStepper stepper, ResearchGuard guard, Duration pollInterval) {
    this.ops = ops;
    this.stepper = stepper;
    this.guard = guard;
    this.pollInterval = pollInterval;
    ops.addListener(this::onEvent);
  }

  private void onEvent(OperationEvent e) {
    if (e.kind() == OperationEvent.Kind.STATUS
        && e.operationType() == OperationType.AGENT_RESEARCH
        && e.to() != null
        && e.to().isTerminal()) {
      endedSinceRead.add(e.operationId());
    }
  }

  /** Starts the loop if it is not running, and makes sure it looks again before stopping. */
  public void wake() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      wakeRequested = true;
      if (!running) {
        running = true;
        thread = new Thread(this::loop, "ktrdr-coordinator");
        thread.setDaemon(true);
        thread.start();
        log.info("Coordinator started");
      }
    } finally {
      lock.unlock();
    }
  }

  public boolean isRunning() {
    lock.lock();
    try {
      return running;
    } finally {
      lock.unlock();
    }
  }

  public LastCycle lastCycle() {
    return lastCycle;
  }

  private void loop() {
    try {
      while (true) {
        lock.lock();
        try {
          wakeRequested = false;
        } finally {
          lock.unlock();
        }
        int active = runCycle();
        lock.lock();
        try {
          if (closed || (active == 0 && !wakeRequested)) {
            running = false;
            log.info("Coordinator stopped ({})", closed ? "shut down" : "no active research");
            return;
          }
          sleeper.awaitNanos(pollInterval.toNanos());
          if (closed) {
            running = false;
            return;
          }
        } finally {
          lock.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lock.lock();
      try {
        running = false;
      } finally {
        lock.unlock();
      }
    }
  }

  /** One cycle; returns how many researches were active at its start. Tests call it directly. */
  int runCycle() {
    Instant start = ops.clock().instant();
    long t0 = System.nanoTime();
    List<Operation> active;
    Map<String, Operation> children;
    try {
      active = ops.active(OperationType.AGENT_RESEARCH);
      Set<String> ids = active.stream().map(Operation::operationId).collect(Collectors.toSet());
      endedSinceRead.retainAll(ids);
      List<String> childIds = new ArrayList<>();
      for (Operation r : active) {
        String c = ResearchParams.currentChildId(r);
        if (c != null) {
          childIds.add(c);
        }
      }
      children =
          ops.getAll(new HashSet<>(childIds)).stream()
              .collect(Collectors.toMap(Operation::operationId, Function.identity()));
    } catch (RuntimeException e) {
      log.warn("Coordinator cycle could not read researches: {}", e.toString());
      return 1; // keep looping: the store may come back
    }
    int errors = 0;
    stepper.newCycle();
    for (Operation research : active) {
      if (!advanceOne(research, children)) {
        errors++;
      }
    }
    lastCycle =
        new LastCycle(
            Timestamps.format(start),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
            active.size(),
            errors);
    return active.size();
  }

  private boolean advanceOne(Operation research, Map<String, Operation> children) {
    String id = research.operationId();
    try {
      guard.run(
          () -> {
            if (!endedSinceRead.contains(id)) {
              String childId = ResearchParams.currentChildId(research);
              stepper.advance(research, childId == null ? null : children.get(childId));
            }
          });
      return true;
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw (VirtualMachineError) e; // out of memory and the like: nothing sensible to do here
      }
      // An Error too (a pluggable agent's LinkageError, AssertionError): it must not kill the
      // loop thread, which would leave the coordinator marked running and every research stuck.
      String message = "Error while advancing: " + Objects.toString(e.getMessage(), e.toString());
      log.warn("Research {} failed: {}", id, message, e);
      try {
        guard.run(() -> stepper.fail(research, message));
      } catch (RuntimeException again) {
        log.warn("Research {} could not be marked failed: {}", id, again.toString());
      }
      return false;
    }
  }

  @Override
  public void close() {
    Thread t;
    lock.lock();
    try {
      closed = true;
      sleeper.signalAll();
      t = thread;
    } finally {
      lock.unlock();
    }
    if (t != null) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
