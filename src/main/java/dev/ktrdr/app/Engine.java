package dev.ktrdr.app;

import dev.ktrdr.agent.AgentRuntime;
import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.ConcurrencyLimit;
import dev.ktrdr.agent.DataService;
import dev.ktrdr.agent.budget.Budget;
import dev.ktrdr.agent.budget.SqlSpendLedger;
import dev.ktrdr.agent.inprocess.AssessmentAgent;
import dev.ktrdr.agent.inprocess.DesignAgent;
import dev.ktrdr.agent.inprocess.ResearchAssessmentAgent;
import dev.ktrdr.agent.inprocess.ResearchDesignAgent;
import dev.ktrdr.agent.inprocess.StubAssessmentAgent;
import dev.ktrdr.agent.inprocess.StubDesignAgent;
import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.config.ModelAccess;
import dev.ktrdr.config.Settings;
import dev.ktrdr.db.Database;
import dev.ktrdr.db.SqlDatasetStore;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.SqlOperationStore;
import dev.ktrdr.research.data.DatasetCatalog;
import dev.ktrdr.research.design.LlmDesigner;
import dev.ktrdr.research.design.RuleBasedDesigner;
import dev.ktrdr.research.llm.AnthropicLlmClient;
import dev.ktrdr.research.llm.LlmClient;
import dev.ktrdr.research.llm.LlmSettings;
import dev.ktrdr.workers.WorkerFactory;
import dev.ktrdr.workers.WorkerRegistry;
import dev.ktrdr.workers.WorkerType;
import dev.ktrdr.workers.local.JobCheckpoint;
import dev.ktrdr.workers.local.LocalWorker;
import dev.ktrdr.workers.remote.RemoteWorkers;
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
 * (SQLite at the given path or a PostgreSQL database, datasets included), which workers (local ones
 * running real research, or in-process stubs), which budget ledger and which design and assessment
 * agents (rule-based, a Claude model, or stubs), handed to the engine ({@link AgentRuntime}).
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final Database database;
  private final OperationsService operations;
  private final WorkerRegistry workers;
  private final AgentRuntime runtime;
  private final ExecutorService workerThreads;
  private final DataService data;
  private final AnthropicLlmClient llm;
  private final RemoteWorkers remote;

  private Engine(
      Database database,
      OperationsService operations,
      WorkerRegistry workers,
      AgentRuntime runtime,
      ExecutorService workerThreads,
      DataService data,
      AnthropicLlmClient llm,
      RemoteWorkers remote) {
    this.database = database;
    this.remote = remote;
    this.operations = operations;
    this.workers = workers;
    this.runtime = runtime;
    this.workerThreads = workerThreads;
    this.data = data;
    this.llm = llm;
  }

  /**
   * What the engine runs, chosen once the database (and so the datasets) is open: the design and
   * assessment agents and the workers, and the prefix of the workers' names.
   */
  public record Parts(
      DesignAgent designer, AssessmentAgent assessor, WorkerFactory workers, String workerPrefix) {}

  /** Chooses the parts from the engine's datasets and model client (null without a key). */
  @FunctionalInterface
  public interface Wiring {
    Parts parts(DataService data, LlmClient llm);

    /** Today's stubs, with every knob and fault marker of SPEC §4 ({@code USE_STUB_WORKERS}). */
    static Wiring stubs(Settings settings) {
      StubTiming timing = new StubTiming(settings.stubDelay());
      return fixed(
          new StubDesignAgent(timing),
          new StubAssessmentAgent(timing),
          (id, type, ops, threads) -> new StubWorker(id, type, ops, timing, threads),
          "stub");
    }

    /**
     * Real research: the research library's designer and assessor (rule-based, or a Claude model
     * when there is a model client) and local workers that run its training and backtests, held at
     * {@code checkpoint} when it says so.
     */
    static Wiring real(JobCheckpoint checkpoint) {
      return (data, llm) ->
          new Parts(
              new ResearchDesignAgent(
                  llm == null ? new RuleBasedDesigner() : new LlmDesigner(llm), data::list),
              new ResearchAssessmentAgent(llm),
              (id, type, ops, threads) ->
                  new LocalWorker(id, type, ops, data.catalog(), threads, checkpoint),
              "local");
    }

    /** The given parts, whatever the datasets. */
    static Wiring fixed(
        DesignAgent designer, AssessmentAgent assessor, WorkerFactory workers, String prefix) {
      return (data, llm) -> new Parts(designer, assessor, workers, prefix);
    }
  }

  /**
   * Opens the engine the settings ask for: stubs with {@code USE_STUB_WORKERS=true}, else real
   * research (a Claude model for design and assessment when {@code ANTHROPIC_API_KEY} is set).
   */
  public static Engine open(Settings settings, Path dbPath, Clock clock) {
    return open(
        settings,
        dbPath,
        clock,
        settings.useStubWorkers()
            ? Wiring.stubs(settings)
            : Wiring.real(JobCheckpoint.BRIEF_HOLDS));
  }

  /** Opens the engine with the given in-process agents and stub workers (tests). */
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
    return open(settings, dbPath, clock, Wiring.fixed(designer, assessor, workerFactory, "stub"));
  }

  /**
   * Opens the engine the settings ask for on the store at {@code database} (an SQLite file or a
   * PostgreSQL database).
   */
  public static Engine open(Settings settings, DatabaseLocation database, Clock clock) {
    return open(
        settings,
        database,
        clock,
        settings.useStubWorkers()
            ? Wiring.stubs(settings)
            : Wiring.real(JobCheckpoint.BRIEF_HOLDS));
  }

  /** Opens the engine with the parts {@code wiring} chooses, on the SQLite file {@code dbPath}. */
  public static Engine open(Settings settings, Path dbPath, Clock clock, Wiring wiring) {
    return open(settings, new DatabaseLocation.SqliteFile(dbPath.toAbsolutePath()), clock, wiring);
  }

  /** Opens the engine with the parts {@code wiring} chooses, on the store at {@code database}. */
  public static Engine open(
      Settings settings, DatabaseLocation database, Clock clock, Wiring wiring) {
    Database db = Database.open(database);
    AnthropicLlmClient llm = null;
    RemoteWorkers remote = null;
    try {
      OperationsService ops = new OperationsService(new SqlOperationStore(db), clock);
      DataService data = new DataService(new DatasetCatalog(new SqlDatasetStore(db)));
      ModelAccess models = settings.modelAccess();
      if (!settings.useStubWorkers() && models.hasKey()) {
        LlmSettings ls = LlmSettings.of(models.apiKey());
        llm =
            new AnthropicLlmClient(
                models.baseUrl() == null ? ls : ls.withBaseUrl(models.baseUrl()));
      }
      Parts parts = wiring.parts(data, llm);
      ExecutorService workerThreads = Executors.newCachedThreadPool(named("ktrdr-worker"));
      WorkerRegistry workers = new WorkerRegistry();
      for (int i = 1; i <= settings.trainingWorkers(); i++) {
        workers.register(
            parts
                .workers()
                .create(
                    parts.workerPrefix() + "-training-" + i,
                    WorkerType.TRAINING,
                    ops,
                    workerThreads));
      }
      for (int i = 1; i <= settings.backtestWorkers(); i++) {
        workers.register(
            parts
                .workers()
                .create(
                    parts.workerPrefix() + "-backtest-" + i,
                    WorkerType.BACKTESTING,
                    ops,
                    workerThreads));
      }
      // Before the engine resumes: children remote workers held get one lease to be reclaimed.
      remote = new RemoteWorkers(workers, ops, settings.workerLease(), clock).start();
      Budget budget = new Budget(new SqlSpendLedger(db), settings.dailyBudget(), clock);
      int limit =
          ConcurrencyLimit.of(
              settings.maxConcurrentResearches(),
              settings.trainingWorkers(),
              settings.backtestWorkers(),
              settings.concurrencyBuffer());
      FxToolkit.awaitBackgroundStart(); // the engine's tasks are JavaFX tasks
      AgentRuntime runtime =
          AgentRuntime.start(
              ops,
              workers,
              budget,
              parts.designer(),
              parts.assessor(),
              new AgentRuntime.Options(
                  settings.pollInterval(),
                  ConcurrencyLimit.following(
                      settings.maxConcurrentResearches(), workers, settings.concurrencyBuffer())),
              data);
      log.info(
          "Engine ready: {} training / {} backtest {} workers (remote workers may join, lease {} s),"
              + " {}, sweep every {} ms, research limit {}",
          settings.trainingWorkers(),
          settings.backtestWorkers(),
          parts.workerPrefix(),
          settings.workerLease().toSeconds(),
          settings.useStubWorkers()
              ? "stub delay " + settings.stubDelay().toMillis() + " ms"
              : llm != null
                  ? "design and assessment by Claude"
                  : "rule-based design and assessment",
          settings.pollInterval().toMillis(),
          limit);
      return new Engine(db, ops, workers, runtime, workerThreads, data, llm, remote);
    } catch (RuntimeException e) {
      if (remote != null) {
        remote.close();
      }
      if (llm != null) {
        llm.close();
      }
      db.close();
      throw e;
    }
  }

  public AgentService agent() {
    return runtime.agent();
  }

  /** The datasets, imports and backtests by hand. */
  public DataService data() {
    return data;
  }

  public OperationsService operations() {
    return operations;
  }

  public WorkerRegistry workers() {
    return workers;
  }

  /** The workers on other machines, registered over the API. */
  public RemoteWorkers remoteWorkers() {
    return remote;
  }

  /** The SQLite file, or null on PostgreSQL. */
  public Path databasePath() {
    return database.path();
  }

  public DatabaseLocation databaseLocation() {
    return database.location();
  }

  /** The engine's one database: its read pool and its writer (tests and benchmarks hold reads). */
  public Database database() {
    return database;
  }

  /**
   * Stops the engine and the workers without changing any operation, then closes the database: what
   * was running is resumed by the next start (SPEC §9).
   */
  @Override
  public void close() {
    remote.close();
    runtime.close();
    workerThreads.shutdownNow();
    try {
      workerThreads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (llm != null) {
      llm.close();
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
