package dev.ktrdr.agent;

import dev.ktrdr.agent.budget.Budget;
import dev.ktrdr.agent.budget.SqliteSpendLedger;
import dev.ktrdr.agent.inprocess.AssessmentAgent;
import dev.ktrdr.agent.inprocess.DesignAgent;
import dev.ktrdr.agent.inprocess.StubAssessmentAgent;
import dev.ktrdr.agent.inprocess.StubDesignAgent;
import dev.ktrdr.config.ConfigException;
import dev.ktrdr.config.Settings;
import dev.ktrdr.db.Database;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.SqliteOperationStore;
import dev.ktrdr.workers.WorkerFactory;
import dev.ktrdr.workers.WorkerRegistry;
import dev.ktrdr.workers.WorkerType;
import dev.ktrdr.workers.stub.StubTiming;
import dev.ktrdr.workers.stub.StubWorker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole engine wired together on one database: store, operations, workers, budget, in-process
 * tasks, coordinator and {@link AgentService}. The server, the console and the tests each open one.
 * The JavaFX toolkit must already be running (in-process phases are JavaFX tasks).
 */
public final class AgentRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AgentRuntime.class);

  /** How long a cancelled task may take to stop before it is reported as a straggler. */
  static final long STRAGGLER_GRACE_MILLIS = 1000;

  private final Database database;
  private final OperationsService operations;
  private final WorkerRegistry workers;
  private final AgentService agent;
  private final ResearchCoordinator coordinator;
  private final ExecutorService workerThreads;
  private final ExecutorService taskThreads;
  private final ScheduledExecutorService watchdog;

  private AgentRuntime(
      Database database,
      OperationsService operations,
      WorkerRegistry workers,
      AgentService agent,
      ResearchCoordinator coordinator,
      ExecutorService workerThreads,
      ExecutorService taskThreads,
      ScheduledExecutorService watchdog) {
    this.database = database;
    this.operations = operations;
    this.workers = workers;
    this.agent = agent;
    this.coordinator = coordinator;
    this.workerThreads = workerThreads;
    this.taskThreads = taskThreads;
    this.watchdog = watchdog;
  }

  /** Opens the engine with stub design and assessment agents. */
  public static AgentRuntime open(Settings settings, Path dbPath, Clock clock) {
    StubTiming timing = new StubTiming(settings.stubDelay());
    return open(
        settings, dbPath, clock, new StubDesignAgent(timing), new StubAssessmentAgent(timing));
  }

  /** Opens the engine with the given in-process agents (tests use misbehaving ones). */
  public static AgentRuntime open(
      Settings settings, Path dbPath, Clock clock, DesignAgent designer, AssessmentAgent assessor) {
    StubTiming timing = new StubTiming(settings.stubDelay());
    return open(
        settings,
        dbPath,
        clock,
        designer,
        assessor,
        (id, type, ops, threads) -> new StubWorker(id, type, ops, timing, threads));
  }

  /**
   * Opens the engine with the given in-process agents and workers ({@code settings} still says how
   * many workers of each type): tests hold phases open with their own.
   */
  public static AgentRuntime open(
      Settings settings,
      Path dbPath,
      Clock clock,
      DesignAgent designer,
      AssessmentAgent assessor,
      WorkerFactory workerFactory) {
    if (!settings.useStubWorkers()) {
      throw new ConfigException(
          "Invalid USE_STUB_WORKERS='false': this version has only stub "
              + "workers (remote workers come later); set it to true or leave it unset.");
    }
    Database db = Database.open(dbPath);
    try {
      OperationsService ops = new OperationsService(new SqliteOperationStore(db), clock);
      ExecutorService workerThreads = Executors.newCachedThreadPool(named("ktrdr-worker"));
      ExecutorService taskThreads = Executors.newCachedThreadPool(named("ktrdr-task"));
      ScheduledExecutorService watchdog =
          Executors.newSingleThreadScheduledExecutor(named("ktrdr-watchdog"));
      WorkerRegistry workers = new WorkerRegistry();
      for (int i = 1; i <= settings.stubTrainingWorkers(); i++) {
        workers.register(
            workerFactory.create("stub-training-" + i, WorkerType.TRAINING, ops, workerThreads));
      }
      for (int i = 1; i <= settings.stubBacktestWorkers(); i++) {
        workers.register(
            workerFactory.create("stub-backtest-" + i, WorkerType.BACKTESTING, ops, workerThreads));
      }
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
      Budget budget = new Budget(new SqliteSpendLedger(db), settings.dailyBudget(), clock);
      ResearchTeardown teardown = new ResearchTeardown(ops, tasks, workers);
      ResearchGuard guard = new ResearchGuard();
      ResearchStepper stepper =
          new ResearchStepper(ops, workers, tasks, designer, assessor, budget, teardown);
      ResearchCoordinator coordinator =
          new ResearchCoordinator(ops, stepper, guard, settings.pollInterval());
      int limit =
          ConcurrencyLimit.of(
              settings.maxConcurrentResearches(),
              settings.stubTrainingWorkers(),
              settings.stubBacktestWorkers(),
              settings.concurrencyBuffer());
      AgentService agent =
          new AgentService(ops, workers, tasks, budget, coordinator, guard, teardown, limit);
      log.info(
          "Engine ready: {} training / {} backtest stub workers, stub delay {} ms, "
              + "poll {} ms, research limit {}",
          settings.stubTrainingWorkers(),
          settings.stubBacktestWorkers(),
          settings.stubDelay().toMillis(),
          settings.pollInterval().toMillis(),
          limit);
      return new AgentRuntime(
          db, ops, workers, agent, coordinator, workerThreads, taskThreads, watchdog);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public AgentService agent() {
    return agent;
  }

  public OperationsService operations() {
    return operations;
  }

  public WorkerRegistry workers() {
    return workers;
  }

  public Path databasePath() {
    return database.path();
  }

  /**
   * Stops the loop and the in-process work without changing any operation: what was running stays
   * running in the database and is resumed by the next start (SPEC §9).
   */
  @Override
  public void close() {
    coordinator.close();
    taskThreads.shutdownNow();
    workerThreads.shutdownNow();
    watchdog.shutdownNow();
    try {
      taskThreads.awaitTermination(5, TimeUnit.SECONDS);
      workerThreads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    database.close();
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
