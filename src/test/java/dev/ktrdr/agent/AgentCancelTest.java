package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.reply.CancelRefused;
import dev.ktrdr.agent.reply.CancelReply;
import dev.ktrdr.agent.reply.Cancelled;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.PhaseGates.Gate;
import dev.ktrdr.testing.TestEngine;
import dev.ktrdr.workers.WorkerSnapshot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seed's unit list for {@code cancel(operation_id)}, and SPEC §12 scenarios 7 and 9. */
class AgentCancelTest {
  @TempDir Path dir;
  private final PhaseGates gates = new PhaseGates();
  private TestEngine engine;

  @BeforeEach
  void start() {
    // Phases that a test acts on are held at a gate; the others finish at once.
    engine = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings(), gates);
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void cancelSucceedsForRunningResearch() {
    gates.hold("running", Phase.DESIGNING);
    String id = engine.trigger("running");
    Gate design = gates.awaitHeld("running", Phase.DESIGNING);
    CancelReply reply = engine.agent().cancel(id);
    assertThat(reply).isEqualTo(new Cancelled(id, engine.childOf(id, Phase.DESIGNING)));
    assertThat(design.awaitExit()).isTrue();
    assertThat(design.sawCancel()).isTrue();
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
    gates.hold("has a design child", Phase.DESIGNING);
    String id = engine.trigger("has a design child");
    Gate design = gates.awaitHeld("has a design child", Phase.DESIGNING);
    String child = engine.childOf(id, Phase.DESIGNING);
    CancelReply reply = engine.agent().cancel(child);
    assertThat(reply).isEqualTo(CancelRefused.notResearch(child));
    assertThat(reply.message()).isEqualTo("Operation is not a research: " + child);
    assertThat(engine.status(id)).isEqualTo(OperationStatus.RUNNING);
    assertThat(engine.status(child)).isEqualTo(OperationStatus.RUNNING);
    assertThat(design.isHeld()).as("the refused cancel left the design alone").isTrue();
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
    gates.hold("twice", Phase.DESIGNING);
    String id = engine.trigger("twice");
    assertThat(engine.agent().cancel(id).success()).isTrue();
    CancelReply second = engine.agent().cancel(id);
    assertThat(second).isInstanceOf(CancelRefused.class);
    assertThat(((CancelRefused) second).reason()).isEqualTo(CancelRefused.Reason.NOT_CANCELLABLE);
    assertThat(second.success()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = Phase.class,
      names = {"DESIGNING", "TRAINING", "BACKTESTING", "ASSESSING"})
  void cancelInEachPhaseStopsEverythingOfThatResearch(Phase phase) {
    String brief = "cancel me while " + phase.wire();
    gates.hold(brief, phase).hold("keeps going", phase);
    String other = engine.trigger("keeps going");
    String id = engine.trigger(brief);
    Gate held = gates.awaitHeld(brief, phase);
    Gate otherHeld = gates.awaitHeld("keeps going", phase);
    String child = engine.childOf(id, phase);
    assertThat(engine.phase(id)).isEqualTo(phase.wire());
    assertThat(engine.status(child)).isEqualTo(OperationStatus.RUNNING);

    CancelReply reply = engine.agent().cancel(id, null, CancelSource.DESKTOP);

    assertThat(reply).isEqualTo(new Cancelled(id, child));
    assertThat(engine.status(id)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.status(child)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.ops().children(id)).noneMatch(Operation::isActive);
    assertThat(engine.agent().childTasks().isTracked(id)).isFalse();
    assertThat(engine.workerFree(child)).isTrue();
    // The held work itself saw the cancel and stopped: nothing of the research runs on.
    assertThat(held.awaitExit()).isTrue();
    assertThat(held.sawCancel()).isTrue();
    // The other research, held in the same phase, was not touched: it goes on to the end.
    assertThat(otherHeld.isHeld()).isTrue();
    otherHeld.release();
    engine.awaitStatus(other, OperationStatus.COMPLETED);
    assertThat(otherHeld.sawCancel()).isFalse();
    // The coordinator never touched the cancelled research again.
    assertThat(engine.get(id).param("phase")).isEqualTo(phase.wire());
    assertThat(engine.ops().children(id))
        .noneMatch(Operation::isActive)
        .allSatisfy(c -> assertThat(c.status()).isNotEqualTo(OperationStatus.RUNNING));
    await().atMost(TestEngine.WAIT).until(() -> engine.agent().childTasks().size() == 0);
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> engine.agent().workers().stream().noneMatch(WorkerSnapshot::busy));
  }

  @Test
  void cancellingAChildThroughTheGenericCancelCancelsItsResearch() {
    gates.hold("child cancel", Phase.DESIGNING);
    String id = engine.trigger("child cancel");
    Gate design = gates.awaitHeld("child cancel", Phase.DESIGNING);
    String child = engine.childOf(id, Phase.DESIGNING);
    CancelReply reply = engine.agent().cancelOperation(child, null, CancelSource.API);
    assertThat(reply).isEqualTo(new Cancelled(id, child));
    assertThat(engine.status(id)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.status(child)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(design.awaitExit()).isTrue();
    assertThat(design.sawCancel()).isTrue();
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
