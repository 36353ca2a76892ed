package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.reply.CancelRefused;
import dev.ktrdr.agent.reply.CancelReply;
import dev.ktrdr.agent.reply.Cancelled;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.testing.TestEngine;
import dev.ktrdr.workers.WorkerSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's unit list for {@code cancel(operation_id)}, and SPEC §12 scenarios 7 and 9. */
class AgentCancelTest {
  @TempDir Path dir;
  private TestEngine engine;

  @BeforeEach
  void start() {
    // Long enough phases that each one can be caught while its child runs.
    engine =
        TestEngine.start(dir.resolve("k.db"), TestEngine.fastSettings(Duration.ofMillis(1000)));
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void cancelSucceedsForRunningResearch() {
    String id = engine.trigger("running");
    engine.awaitRunningChild(id, "designing");
    CancelReply reply = engine.agent().cancel(id);
    assertThat(reply).isInstanceOf(Cancelled.class);
    assertThat(reply.success()).isTrue();
    assertThat(reply.message()).isEqualTo("Research cancelled");
    Operation op = engine.get(id);
    assertThat(op.status()).isEqualTo(OperationStatus.CANCELLED);
    assertThat(op.errorMessage()).isEqualTo("Cancelled by user");
    assertThat(op.parameters())
        .containsEntry("cancel_reason", "Cancelled by user")
        .containsEntry("cancelled_by", "api")
        .containsKey("cancelled_at");
  }

  @Test
  void cancelSucceedsForPendingResearch() {
    Operation pending =
        engine
            .ops()
            .create(
                OperationType.AGENT_RESEARCH,
                null,
                Map.of("phase", "idle", "brief", "never started"));
    CancelReply reply =
        engine.agent().cancel(pending.operationId(), "changed my mind", CancelSource.CLI);
    assertThat(reply).isEqualTo(new Cancelled(pending.operationId(), null));
    Operation op = engine.get(pending.operationId());
    assertThat(op.status()).isEqualTo(OperationStatus.CANCELLED);
    assertThat(op.errorMessage()).isEqualTo("changed my mind");
    assertThat(op.parameters()).containsEntry("cancelled_by", "cli");
    assertThat(engine.ops().history(pending.operationId(), 10))
        .anySatisfy(e -> assertThat(e.message()).contains("Cancelled by cli: changed my mind"));
  }

  @Test
  void unknownOperationIsNotFound() {
    CancelReply reply = engine.agent().cancel("op_agent_research_20260101_000000_deadbeef");
    assertThat(reply)
        .isEqualTo(
            new CancelRefused(
                CancelRefused.Reason.NOT_FOUND,
                "Operation not found: op_agent_research_20260101_000000_deadbeef"));
  }

  @Test
  void childOperationIsNotResearch() {
    String id = engine.trigger("has a design child");
    String child = TestEngine.childIdOf(engine.awaitRunningChild(id, "designing"));
    CancelReply reply = engine.agent().cancel(child);
    assertThat(reply).isEqualTo(CancelRefused.notResearch(child));
    assertThat(reply.message()).isEqualTo("Operation is not a research: " + child);
    assertThat(engine.status(id)).isEqualTo(OperationStatus.RUNNING);
  }

  @Test
  void endedResearchesAreNotCancellable() {
    Operation completed = finished(OperationStatus.COMPLETED);
    Operation failed = finished(OperationStatus.FAILED);
    Operation cancelled = finished(OperationStatus.CANCELLED);
    assertThat(engine.agent().cancel(completed.operationId()))
        .isEqualTo(
            new CancelRefused(
                CancelRefused.Reason.NOT_CANCELLABLE, "Cannot cancel completed operation"));
    assertThat(engine.agent().cancel(failed.operationId()).message())
        .isEqualTo("Cannot cancel failed operation");
    assertThat(engine.agent().cancel(cancelled.operationId()).message())
        .isEqualTo("Cannot cancel cancelled operation");
    assertThat(engine.status(completed.operationId())).isEqualTo(OperationStatus.COMPLETED);
    assertThat(engine.status(failed.operationId())).isEqualTo(OperationStatus.FAILED);
  }

  @Test
  void doubleCancelIsNotCancellable() {
    String id = engine.trigger("twice");
    assertThat(engine.agent().cancel(id).success()).isTrue();
    CancelReply second = engine.agent().cancel(id);
    assertThat(second).isInstanceOf(CancelRefused.class);
    assertThat(((CancelRefused) second).reason()).isEqualTo(CancelRefused.Reason.NOT_CANCELLABLE);
    assertThat(second.success()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"designing", "training", "backtesting", "assessing"})
  void cancelInEachPhaseStopsEverythingOfThatResearch(String phase) {
    String other = engine.trigger("keeps going");
    String id = engine.trigger("cancel me while " + phase);
    Operation research = engine.awaitRunningChild(id, phase);
    String child = TestEngine.childIdOf(research);

    CancelReply reply = engine.agent().cancel(id, null, CancelSource.DESKTOP);

    assertThat(reply).isEqualTo(new Cancelled(id, child));
    assertThat(engine.status(id)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.status(child)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.ops().children(id)).noneMatch(Operation::isActive);
    assertThat(engine.agent().childTasks().isTracked(id)).isFalse();
    assertThat(engine.agent().workers())
        .extracting(WorkerSnapshot::currentOperationId)
        .doesNotContain(child);
    // The coordinator never touches it again, while the other research goes on to the end.
    engine.awaitStatus(other, OperationStatus.COMPLETED);
    assertThat(engine.get(id).param("phase")).isEqualTo(phase);
    assertThat(engine.ops().children(id))
        .noneMatch(Operation::isActive)
        .allSatisfy(c -> assertThat(c.status()).isNotEqualTo(OperationStatus.RUNNING));
    await().atMost(TestEngine.WAIT).until(() -> engine.agent().childTasks().size() == 0);
    assertThat(engine.agent().workers()).noneMatch(WorkerSnapshot::busy);
  }

  @Test
  void cancellingAChildThroughTheGenericCancelCancelsItsResearch() {
    String id = engine.trigger("child cancel");
    String child = TestEngine.childIdOf(engine.awaitRunningChild(id, "designing"));
    CancelReply reply = engine.agent().cancelOperation(child, null, CancelSource.API);
    assertThat(reply).isEqualTo(new Cancelled(id, child));
    assertThat(engine.status(id)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.status(child)).isEqualTo(OperationStatus.CANCELLED);
  }

  private Operation finished(OperationStatus status) {
    Operation op =
        engine.ops().create(OperationType.AGENT_RESEARCH, null, Map.of("phase", "assessing"));
    engine.ops().start(op.operationId());
    switch (status) {
      case COMPLETED:
        engine.ops().complete(op.operationId(), Map.of());
        break;
      case FAILED:
        engine.ops().fail(op.operationId(), "boom");
        break;
      default:
        engine.ops().cancel(op.operationId(), "x");
    }
    return engine.get(op.operationId());
  }
}
