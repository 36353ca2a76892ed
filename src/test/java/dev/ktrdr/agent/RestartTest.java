package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SPEC §9 and scenario 8: close the engine mid-research (its tasks and workers die with it, the
 * database keeps what was acknowledged) and open a new one on the same file.
 */
class RestartTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = Phase.class,
      names = {"DESIGNING", "TRAINING", "BACKTESTING", "ASSESSING"})
  void anInterruptedResearchResumesFromItsPhaseAndCompletes(Phase phase) {
    Path db = dir.resolve("k.db");
    String running;
    String cancelled;
    String orphan;
    // The research is held in the phase, so the engine surely dies while that phase runs.
    PhaseGates gates =
        new PhaseGates()
            .hold("survives the restart", phase)
            .hold("cancelled before the restart", Phase.DESIGNING);
    try (TestEngine first = TestEngine.start(db, TestEngine.instantSettings(), gates)) {
      cancelled = first.trigger("cancelled before the restart");
      running = first.trigger("survives the restart");
      assertThat(first.agent().cancel(cancelled).success()).isTrue();
      gates.awaitHeld("survives the restart", phase);
      orphan = first.childOf(running, phase);
    } // the process "dies": nothing more is written

    try (TestEngine second = TestEngine.start(db, TestEngine.instantSettings())) {
      assertThat(second.status(running)).isEqualTo(OperationStatus.RUNNING);
      assertThat(second.status(orphan)).isEqualTo(OperationStatus.RUNNING);
      assertThat(second.agent().resumeIfNeeded()).isEqualTo(1);
      second.awaitStatus(running, OperationStatus.COMPLETED);
      Operation old = second.get(orphan);
      assertThat(old.status()).isEqualTo(OperationStatus.FAILED);
      assertThat(old.errorMessage()).isEqualTo("Orphaned by restart");
      Operation research = second.get(running);
      assertThat(research.resultSummary()).containsEntry("success", true);
      assertThat(second.ops().children(running))
          .noneMatch(Operation::isActive)
          .filteredOn(c -> c.status() == OperationStatus.COMPLETED)
          .hasSize(4);
      assertThat(second.status(cancelled)).isEqualTo(OperationStatus.CANCELLED);
    }
  }

  @Test
  void completedAndCancelledResearchesStayAsTheyWere() {
    Path db = dir.resolve("k.db");
    String done;
    String cancelled;
    PhaseGates gates = new PhaseGates().hold("cancelled", Phase.DESIGNING);
    try (TestEngine first = TestEngine.start(db, TestEngine.instantSettings(), gates)) {
      done = first.trigger("done");
      first.awaitStatus(done, OperationStatus.COMPLETED);
      cancelled = first.trigger("cancelled");
      gates.awaitHeld("cancelled", Phase.DESIGNING);
      assertThat(first.agent().cancel(cancelled).success()).isTrue();
    }
    try (TestEngine second = TestEngine.start(db, TestEngine.instantSettings())) {
      assertThat(second.agent().resumeIfNeeded()).isZero();
      assertThat(second.agent().coordinator().isRunning()).isFalse();
      assertThat(second.status(done)).isEqualTo(OperationStatus.COMPLETED);
      assertThat(second.status(cancelled)).isEqualTo(OperationStatus.CANCELLED);
    }
  }

  @Test
  void childrenLeftRunningUnderAnEndedResearchAreSettledOnStart() {
    Path db = dir.resolve("k.db");
    String child;
    try (TestEngine first = TestEngine.start(db, TestEngine.instantSettings())) {
      // As if the process died between cancelling the research and cancelling its child.
      Operation r =
          first.ops().create(OperationType.AGENT_RESEARCH, null, Map.of("phase", "training"));
      first.ops().start(r.operationId());
      child = first.ops().create(OperationType.TRAINING, r.operationId(), Map.of()).operationId();
      first.ops().start(child);
      first.ops().cancel(r.operationId(), "Cancelled by user");
    }
    try (TestEngine second = TestEngine.start(db, TestEngine.instantSettings())) {
      second.agent().resumeIfNeeded();
      assertThat(second.status(child)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(second.get(child).errorMessage()).isEqualTo("Parent research ended");
    }
  }
}
