package dev.ktrdr.app;

import dev.ktrdr.agent.AgentRuntime;
import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.ConcurrencyLimit;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up wiring, in one place for {@code serve}, {@code console} and the tests: which store
 * (SQLite at the given path), which workers (in-process stubs, from the settings), which budget
 * ledger and which design and assessment agents, handed to the engine ({@link AgentRuntime}).
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final Database database;
  private final OperationsService operations;
  private final WorkerRegistry workers;
  private final AgentRuntime runtime;
  private final ExecutorService workerThreads;

  private Engine(
      Database database,
      OperationsService operations,
      WorkerRegistry workers,
      AgentRuntime runtime,
      ExecutorService workerThreads) {
    this.database = database;
    this.operations = operations;
    this.workers = workers;
    this.runtime = runtime;
    this.workerThreads = workerThreads;
  }

  /** Opens the engine with stub design and assessment agents. */
  public static Engine open(Settings settings, Path dbPath, Clock clock) {
    StubTiming timing = new StubTiming(settings.stubDelay());
    return open(
        settings, dbPath, clock, new StubDesignAgent(timing), new StubAssessmentAgent(timing));
  }

  /** Opens the engine with the given in-process agents (tests use misbehaving ones). */
  public static Engine open(
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
  public static Engine open(
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
      WorkerRegistry workers = new WorkerRegistry();
      for (int i = 1; i <= settings.stubTrainingWorkers(); i++) {
        workers.register(
            workerFactory.create("stub-training-" + i, WorkerType.TRAINING, ops, workerThreads));
      }
      for (int i = 1; i <= settings.stubBacktestWorkers(); i++) {
        workers.register(
            workerFactory.create("stub-backtest-" + i, WorkerType.BACKTESTING, ops, workerThreads));
      }
      Budget budget = new Budget(new SqliteSpendLedger(db), settings.dailyBudget(), clock);
      int limit =
          ConcurrencyLimit.of(
              settings.maxConcurrentResearches(),
              settings.stubTrainingWorkers(),
              settings.stubBacktestWorkers(),
              settings.concurrencyBuffer());
      AgentRuntime runtime =
          AgentRuntime.start(
              ops,
              workers,
              budget,
              designer,
              assessor,
              new AgentRuntime.Options(settings.pollInterval(), limit));
      log.info(
          "Engine ready: {} training / {} backtest stub workers, stub delay {} ms, "
              + "sweep every {} ms, research limit {}",
          settings.stubTrainingWorkers(),
          settings.stubBacktestWorkers(),
          settings.stubDelay().toMillis(),
          settings.pollInterval().toMillis(),
          limit);
      return new Engine(db, ops, workers, runtime, workerThreads);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public AgentService agent() {
    return runtime.agent();
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
   * Stops the engine and the workers without changing any operation, then closes the database: what
   * was running is resumed by the next start (SPEC §9).
   */
  @Override
  public void close() {
    runtime.close();
    workerThreads.shutdownNow();
    try {
      workerThreads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    database.close();
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
