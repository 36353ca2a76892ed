package dev.ktrdr.agent;

import dev.ktrdr.agent.budget.Budget;
import dev.ktrdr.agent.inprocess.AssessmentAgent;
import dev.ktrdr.agent.inprocess.DesignAgent;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.workers.WorkerRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The research engine assembled from the parts it is given (operations, workers, budget, the
 * in-process agents): in-process tasks, lanes, the worker queue, the coordinator and {@link
 * AgentService}. Which store and which workers is decided by the caller (the application's start-up
 * wiring, or a test). The JavaFX toolkit must already be running (in-process phases are JavaFX
 * tasks).
 */
public final class AgentRuntime implements AutoCloseable {
  /** How long a cancelled task may take to stop before it is reported as a straggler. */
  static final long STRAGGLER_GRACE_MILLIS = 1000;

  private final AgentService agent;
  private final ResearchCoordinator coordinator;
  private final ExecutorService taskThreads;
  private final ScheduledExecutorService watchdog;

  private AgentRuntime(
      AgentService agent,
      ResearchCoordinator coordinator,
      ExecutorService taskThreads,
      ScheduledExecutorService watchdog) {
    this.agent = agent;
    this.coordinator = coordinator;
    this.taskThreads = taskThreads;
    this.watchdog = watchdog;
  }

  /** What the engine needs besides its parts. */
  /**
   * What the engine needs besides its parts. The research limit is asked for at every trigger: it
   * may follow the workers registered at the time (remote workers come and go).
   */
  public record Options(Duration pollInterval, IntSupplier concurrencyLimit) {
    /** A fixed research limit. */
    public Options(Duration pollInterval, int concurrencyLimit) {
      this(pollInterval, () -> concurrencyLimit);
    }
  }

  /** An engine whose triggers cannot name a dataset. */
  public static AgentRuntime start(
      OperationsService ops,
      WorkerRegistry workers,
      Budget budget,
      DesignAgent designer,
      AssessmentAgent assessor,
      Options options) {
    return start(ops, workers, budget, designer, assessor, options, DatasetResolver.NONE);
  }

  /** An engine whose triggers may name a dataset that {@code datasets} knows. */
  public static AgentRuntime start(
      OperationsService ops,
      WorkerRegistry workers,
      Budget budget,
      DesignAgent designer,
      AssessmentAgent assessor,
      Options options,
      DatasetResolver datasets) {
    ExecutorService taskThreads = Executors.newCachedThreadPool(named("ktrdr-task"));
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(named("ktrdr-watchdog"));
    ChildTasks tasks =
        new ChildTasks(
            taskThreads,
            watchdog,
            STRAGGLER_GRACE_MILLIS,
            t ->
                ops.log(
                    t.researchId(),
                    "Straggler: task "
                        + t.childId()
                        + " ignored its cancel and is still running; it cannot change the research"));
    WorkerQueue queue = new WorkerQueue();
    ResearchLanes lanes = new ResearchLanes();
    ResearchEnd end = new ResearchEnd(ops, tasks, workers, queue);
    ResearchStepper stepper =
        new ResearchStepper(ops, workers, queue, tasks, designer, assessor, budget, end);
    ResearchCoordinator coordinator =
        new ResearchCoordinator(ops, stepper, end, lanes, queue, workers, options.pollInterval());
    AgentService agent =
        new AgentService(
            ops,
            workers,
            tasks,
            budget,
            coordinator,
            lanes,
            queue,
            end,
            options.concurrencyLimit(),
            datasets);
    return new AgentRuntime(agent, coordinator, taskThreads, watchdog);
  }

  public AgentService agent() {
    return agent;
  }

  /**
   * Stops the coordinator and the in-process work without changing any operation: what was running
   * stays running in the database and is resumed by the next start (SPEC §9).
   */
  @Override
  public void close() {
    coordinator.close();
    taskThreads.shutdownNow();
    watchdog.shutdownNow();
    try {
      taskThreads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Named daemon threads. */
  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
