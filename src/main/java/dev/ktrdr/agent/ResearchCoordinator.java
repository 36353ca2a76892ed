package dev.ktrdr.agent;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.StatusChange;
import dev.ktrdr.operations.Timestamps;
import dev.ktrdr.workers.WorkerRegistry;
import dev.ktrdr.workers.WorkerType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advances every active research (SPEC §5), event-driven. A research's next step is scheduled at
 * once when something it waits for happens: it was triggered, its child ended, a worker of the type
 * it waits for came free. Steps run on a small pool, each in its research's lane, so a step and a
 * cancel of one research serialise while different researches never wait for each other. An
 * exception (or an Error) while stepping one research fails that research only.
 *
 * <p>The periodic sweep (every {@code AGENT_POLL_INTERVAL}, fixed delay) is only a safety net for a
 * lost wake-up: it reads the status changes logged since the last sweep (up to where the previous
 * sweep's log ended, so that a wake-up still on its way is not taken for a lost one), not every
 * active research, so its cost follows what changed, not how many researches wait. It stops when no
 * research is active and starts again on {@link #wake()}.
 */
public final class ResearchCoordinator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ResearchCoordinator.class);

  /** Steps block only on commits; a few threads keep the writer's batches full. */
  static final int STEP_THREADS = 4;

  private static final int SWEEP_LIMIT = 50_000;

  private final OperationsService ops;
  private final ResearchStepper stepper;
  private final ResearchEnd end;
  private final ResearchLanes lanes;
  private final WorkerQueue queue;
  private final WorkerRegistry workers;
  private final Duration pollInterval;
  private final ExecutorService steps;
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

  /**
   * Researches that ended lately, so that the children a cancel or a failure ends with them (in the
   * same commit, published just after) wake no step: an ended research has none to take. Bounded;
   * touched only by listeners, which run one at a time.
   */
  private final Map<String, Boolean> ended =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > 4096;
        }
      };

  private final Map<String, Boolean> stepping = new ConcurrentHashMap<>();
  private final AtomicInteger errorsSinceSweep = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition sleeper = lock.newCondition();

  private Thread sweeper;
  private boolean running;
  private boolean wakeRequested;
  private boolean closed;
  private long sweptTo;
  private long horizon;
  private volatile LastCycle lastCycle;

  ResearchCoordinator(
      OperationsService ops,
      ResearchStepper stepper,
      ResearchEnd end,
      ResearchLanes lanes,
      WorkerQueue queue,
      WorkerRegistry workers,
      Duration pollInterval) {
    this.ops = ops;
    this.stepper = stepper;
    this.end = end;
    this.lanes = lanes;
    this.queue = queue;
    this.workers = workers;
    this.pollInterval = pollInterval;
    this.steps =
        new ThreadPoolExecutor(
            STEP_THREADS,
            STEP_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            AgentRuntime.named("ktrdr-step"));
    ((ThreadPoolExecutor) steps).allowCoreThreadTimeOut(true);
    this.sweptTo = ops.lastEventId();
    this.horizon = sweptTo;
    ops.addListener(this::onEvent);
    workers.onFreed(this::onWorkerFreed);
  }

  /** On the writer thread, after a commit: wake what the change concerns, never block. */
  private void onEvent(OperationEvent e) {
    if (e.kind() != OperationEvent.Kind.STATUS || e.to() == null || !e.to().isTerminal()) {
      return;
    }
    if (e.operationType() == OperationType.AGENT_RESEARCH) {
      ended.put(e.operationId(), Boolean.TRUE);
      queue.forget(e.operationId());
      wakeWaitingHeads(); // it may have held the head of a queue
    } else if (e.parentOperationId() != null && !ended.containsKey(e.parentOperationId())) {
      schedule(e.parentOperationId()); // its child ended: the research takes its next step now
    }
  }

  private void onWorkerFreed(WorkerType type) {
    queue.head(type).ifPresent(this::schedule);
  }

  private void wakeWaitingHeads() {
    for (WorkerType t : WorkerType.values()) {
      if (workers.hasAvailable(t)) {
        queue.head(t).ifPresent(this::schedule);
      }
    }
  }

  /** Runs the research's next step as soon as a step thread is free (once, however often asked). */
  void schedule(String researchId) {
    if (!scheduled.add(researchId)) {
      return;
    }
    try {
      steps.execute(() -> runStep(researchId));
    } catch (RejectedExecutionException e) {
      scheduled.remove(researchId); // shutting down: the next start resumes it
    }
  }

  private void runStep(String researchId) {
    scheduled.remove(researchId); // a wake-up from now on schedules one more step
    stepping.put(researchId, Boolean.TRUE);
    try {
      boolean waited = queue.isWaiting(researchId);
      lanes.run(researchId, () -> stepper.step(researchId));
      if (waited || queue.isWaiting(researchId)) {
        // Waiting now: a worker freed while this step decided to queue woke nobody. Waited before
        // (a freed worker woke it, the head): a second worker freed before this step took the
        // first woke this same head again, not the next one, so the next one is woken here.
        wakeWaitingHeads();
      }
    } catch (Throwable t) { // an Error too, StackOverflowError included: fail this research only
      errorsSinceSweep.incrementAndGet();
      String message = "Error while advancing: " + Objects.toString(t.getMessage(), t.toString());
      if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
        log.error("Research {} failed: {}", researchId, message, t);
      } else {
        log.warn("Research {} failed: {}", researchId, message, t);
      }
      try {
        lanes.run(researchId, () -> end.fail(researchId, message));
      } catch (Throwable again) {
        log.warn("Research {} could not be marked failed: {}", researchId, again.toString());
      }
    } finally {
      stepping.remove(researchId);
    }
  }

  /**
   * Starts the safety sweep if it is not running, and makes sure it looks again before stopping.
   */
  public void wake() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      wakeRequested = true;
      if (!running) {
        running = true;
        sweeper = new Thread(this::sweepLoop, "ktrdr-coordinator");
        sweeper.setDaemon(true);
        sweeper.start();
        log.debug("Coordinator started");
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

  /**
   * True when the loop is marked running but its thread has died (an error escaped it): no research
   * would move again until a restart. For the health check.
   */
  public boolean isStalled() {
    lock.lock();
    try {
      return running && sweeper != null && !sweeper.isAlive();
    } finally {
      lock.unlock();
    }
  }

  public LastCycle lastCycle() {
    return lastCycle;
  }

  private void sweepLoop() {
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
        boolean busy = !scheduled.isEmpty() || !stepping.isEmpty();
        if (closed || (active == 0 && !busy && !wakeRequested)) {
          running = false;
          log.debug("Coordinator stopped ({})", closed ? "shut down" : "no active research");
          return;
        }
        sleeper.awaitNanos(pollInterval.toNanos());
        if (closed) {
          running = false;
          return;
        }
      } catch (InterruptedException e) {
        running = false;
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * One safety sweep; returns how many researches are active. Reads the creations and status
   * changes logged since the last sweep, and steps each active research among them that a step
   * could move but that has none scheduled (a lost wake-up); then wakes the oldest waiting research
   * of each worker type that has a free worker. Tests call it directly.
   */
  int runCycle() {
    Instant start = ops.clock().instant();
    long t0 = System.nanoTime();
    int active;
    int rescued = 0;
    try {
      // Only changes at least one sweep old: a change just committed has its wake-up on the way
      // (listeners run right after the commit), and is no sign of a lost one.
      long upTo = horizon;
      horizon = ops.lastEventId();
      List<StatusChange> changes = ops.statusChangesSince(sweptTo, SWEEP_LIMIT);
      Set<String> researchIds = new LinkedHashSet<>();
      for (StatusChange c : changes) {
        if (c.eventId() > upTo) {
          break;
        }
        sweptTo = c.eventId();
        String id =
            c.operationType() == OperationType.AGENT_RESEARCH
                ? c.operationId()
                : c.parentOperationId();
        if (id != null && !scheduled.contains(id) && !stepping.containsKey(id)) {
          researchIds.add(id);
        }
      }
      List<Operation> researches =
          ops.getAll(researchIds).stream().filter(Operation::isActive).collect(Collectors.toList());
      List<String> childIds = new ArrayList<>();
      for (Operation r : researches) {
        String c = ResearchParams.currentChildId(r);
        if (c != null) {
          childIds.add(c);
        }
      }
      Map<String, Operation> children =
          ops.getAll(childIds).stream()
              .collect(Collectors.toMap(Operation::operationId, Function.identity()));
      for (Operation r : researches) {
        String c = ResearchParams.currentChildId(r);
        if (stepper.needsStep(r, c == null ? null : children.get(c))) {
          rescued++;
          schedule(r.operationId());
        }
      }
      wakeWaitingHeads();
      active = ops.countActive(OperationType.AGENT_RESEARCH);
    } catch (RuntimeException e) {
      log.warn("Coordinator sweep could not read the database: {}", e.toString());
      return 1; // keep sweeping: the store may come back
    }
    if (rescued > 0) {
      log.info("Sweep stepped {} research(es) that had missed a wake-up", rescued);
    }
    lastCycle =
        new LastCycle(
            Timestamps.format(start),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
            active,
            errorsSinceSweep.getAndSet(0));
    return active;
  }

  /** Steps still queued or running (for tests and diagnostics). */
  int pendingSteps() {
    return scheduled.size() + stepping.size();
  }

  @Override
  public void close() {
    Thread t;
    lock.lock();
    try {
      closed = true;
      sleeper.signalAll();
      t = sweeper;
    } finally {
      lock.unlock();
    }
    steps.shutdown();
    try {
      if (t != null) {
        t.join(5000);
      }
      if (!steps.awaitTermination(5, TimeUnit.SECONDS)) {
        steps.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
