package dev.ktrdr.testing;

import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.agent.inprocess.AssessmentAgent;
import dev.ktrdr.agent.inprocess.DesignAgent;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.app.Engine;
import dev.ktrdr.app.FxToolkit;
import dev.ktrdr.config.Settings;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationsService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A real engine on a temporary SQLite file with fast stubs, for service-level tests. Waits use
 * Awaitility with generous bounds, never fixed sleeps.
 */
public final class TestEngine implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(30);

  private final Engine runtime;

  private TestEngine(Engine runtime) {
    this.runtime = runtime;
  }

  /** Poll every 20 ms; stubs take {@code stubDelay}; 2 + 2 workers unless changed. */
  public static Settings fastSettings(Duration stubDelay) {
    return Settings.defaults().withPollInterval(Duration.ofMillis(20)).withStubDelay(stubDelay);
  }

  public static TestEngine start(Path db, Settings settings) {
    FxToolkit.startHeadless();
    return new TestEngine(Engine.open(settings, db, Clock.systemUTC()));
  }

  public static TestEngine start(Path db, Settings settings, DesignAgent d, AssessmentAgent a) {
    FxToolkit.startHeadless();
    return new TestEngine(Engine.open(settings, db, Clock.systemUTC(), d, a));
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

  /** Waits until the research is in {@code phase} with that phase's child running. */
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

  public static String childIdOf(Operation research) {
    Map<String, String> keys =
        Map.of(
            "designing",
            "design_op_id",
            "training",
            "training_op_id",
            "backtesting",
            "backtest_op_id",
            "assessing",
            "assessment_op_id");
    String key = keys.get(research.param("phase"));
    return key == null ? null : research.param(key);
  }

  @Override
  public void close() {
    runtime.close();
  }
}
