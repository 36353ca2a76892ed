package dev.ktrdr.testing;

import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.ResearchParams;
import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.agent.inprocess.AssessmentAgent;
import dev.ktrdr.agent.inprocess.DesignAgent;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.app.Engine;
import dev.ktrdr.app.FxToolkit;
import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.config.Settings;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.workers.stub.StubTiming;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A real engine on a temporary SQLite file with fast stubs, for service-level tests. Waits use
 * Awaitility with generous bounds (a bound only decides how long a broken test takes to fail, so it
 * is far above what a loaded machine needs), never fixed sleeps. A test that acts on a running
 * phase holds it with {@link PhaseGates} instead of catching a short stub phase in time.
 */
public final class TestEngine implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(60);

  private final Engine runtime;
  private final Settings settings;

  private TestEngine(Engine runtime, Settings settings) {
    this.runtime = runtime;
    this.settings = settings;
  }

  /** The settings the engine was started with. */
  public Settings settings() {
    return settings;
  }

  /**
   * Stub workers (the engine tests are about the coordinator, not about real research), polling
   * every 20 ms; stubs take {@code stubDelay}; 2 + 2 workers unless changed.
   */
  public static Settings fastSettings(Duration stubDelay) {
    return Settings.defaults()
        .withStubWorkers(true)
        .withPollInterval(Duration.ofMillis(20))
        .withStubDelay(stubDelay);
  }

  /**
   * Real research (local workers, rule-based design and assessment, no model key whatever the
   * environment says), one worker of each type, polling every 20 ms. Tests give it small datasets.
   */
  public static Settings realSettings() {
    return Settings.defaults()
        .withStubWorkers(false)
        .withLocalWorkers(1, 1)
        .withModelAccess(dev.ktrdr.config.ModelAccess.none())
        .withPollInterval(Duration.ofMillis(20));
  }

  public static TestEngine start(Path db, Settings settings) {
    return start(new DatabaseLocation.SqliteFile(db), settings);
  }

  /** An engine on any store: an SQLite file or a PostgreSQL database ({@link TestPostgres}). */
  public static TestEngine start(DatabaseLocation db, Settings settings) {
    FxToolkit.startHeadless();
    return new TestEngine(Engine.open(settings, db, Clock.systemUTC()), settings);
  }

  public static TestEngine start(Path db, Settings settings, DesignAgent d, AssessmentAgent a) {
    FxToolkit.startHeadless();
    return new TestEngine(Engine.open(settings, db, Clock.systemUTC(), d, a), settings);
  }

  /** An engine whose phases wait at {@code gates} where the test says; the others run the stubs. */
  public static TestEngine start(Path db, Settings settings, PhaseGates gates) {
    return start(new DatabaseLocation.SqliteFile(db), settings, gates);
  }

  /** {@link #start(Path, Settings, PhaseGates)} on any store. */
  public static TestEngine start(DatabaseLocation db, Settings settings, PhaseGates gates) {
    FxToolkit.startHeadless();
    StubTiming timing = new StubTiming(settings.stubDelay());
    return new TestEngine(
        Engine.open(
            settings,
            db,
            Clock.systemUTC(),
            Engine.Wiring.fixed(
                gates.designer(timing), gates.assessor(timing), gates.workers(timing), "stub")),
        settings);
  }

  /**
   * Stubs that finish at once: for tests that hold the phases they act on with {@link PhaseGates}
   * and only need the others to get out of the way.
   */
  public static Settings instantSettings() {
    return fastSettings(Duration.ZERO);
  }

  public AgentService agent() {
    return runtime.agent();
  }

  public OperationsService ops() {
    return runtime.operations();
  }

  public Engine runtime() {
    return runtime;
  }

  /** Triggers {@code request}; fails the test if it is refused. */
  public String trigger(TriggerRequest request) {
    return ((Triggered) agent().trigger(request)).operationId();
  }

  public String trigger(String brief) {
    return ((Triggered) agent().trigger(TriggerRequest.of(brief))).operationId();
  }

  public Operation get(String id) {
    return ops().get(id).orElseThrow();
  }

  public OperationStatus status(String id) {
    return get(id).status();
  }

  public String phase(String id) {
    return get(id).param("phase");
  }

  public void awaitStatus(String id, OperationStatus status) {
    await().atMost(WAIT).until(() -> status(id) == status);
  }

  /**
   * Waits until the research is in {@code phase} with that phase's child running. Only for a phase
   * the test holds open (with {@link PhaseGates} or gated agents of its own): a phase that can end
   * on its own may end before the caller acts on it.
   */
  public Operation awaitRunningChild(String id, String phase) {
    await()
        .atMost(WAIT)
        .until(
            () -> {
              Operation r = get(id);
              String child = childIdOf(r);
              return phase.equals(r.param("phase"))
                  && child != null
                  && ops().get(child).map(c -> c.status() == OperationStatus.RUNNING).orElse(false);
            });
    return get(id);
  }

  /** The child operation the research started for {@code phase}, or null if it has none yet. */
  public String childOf(String researchId, Phase phase) {
    return get(researchId).param(phase.childKey());
  }

  /** The child of the research's current phase, or null. */
  public static String childIdOf(Operation research) {
    return ResearchParams.currentChildId(research);
  }

  /** True when no worker holds {@code operationId}. */
  public boolean workerFree(String operationId) {
    return agent().workers().stream().noneMatch(w -> operationId.equals(w.currentOperationId()));
  }

  @Override
  public void close() {
    runtime.close();
  }
}
