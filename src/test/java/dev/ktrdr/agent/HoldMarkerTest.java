package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.reply.Cancelled;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.LogCapture;
import dev.ktrdr.testing.TestEngine;
import dev.ktrdr.workers.WorkerSnapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stubs' {@code INJECT_HOLD:<phase>} brief marker (the end-to-end tests' way to hold a phase
 * open in the real jar): the phase starts and never ends on its own; a cancel stops the stub, which
 * writes nothing more.
 */
class HoldMarkerTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "design, DESIGNING",
    "training, TRAINING",
    "backtest, BACKTESTING",
    "assessment, ASSESSING"
  })
  void aHeldPhaseRunsUntilItsResearchIsCancelled(String marker, Phase phase) {
    try (LogCapture logs = new LogCapture();
        TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings())) {
      String id = e.trigger("Hold me INJECT_HOLD:" + marker);
      await()
          .atMost(TestEngine.WAIT)
          .until(
              () ->
                  e.childOf(id, phase) != null
                      && e.status(e.childOf(id, phase)) == OperationStatus.RUNNING);
      String child = e.childOf(id, phase);
      PhaseTask task = e.agent().childTasks().get(id).orElse(null);
      boolean inProcess = phase == Phase.DESIGNING || phase == Phase.ASSESSING;
      assertThat(task != null).as("an in-process phase has its task").isEqualTo(inProcess);
      assertThat(e.workerFree(child)).as("a worker phase holds its worker").isEqualTo(inProcess);

      assertThat(e.agent().cancel(id)).isEqualTo(new Cancelled(id, child));

      assertThat(e.status(child)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(e.get(child).resultSummary()).isNull();
      assertThat(e.workerFree(child)).isTrue();
      if (inProcess) {
        await().atMost(TestEngine.WAIT).until(task::hasExited);
      } else {
        await()
            .atMost(TestEngine.WAIT)
            .until(() -> logs.messages().stream().anyMatch(m -> m.contains("stopped " + child)));
      }
      if (phase != Phase.DESIGNING) {
        assertThat(e.get(id).param("strategy_name")).startsWith("hold_me_");
      }
      await()
          .atMost(TestEngine.WAIT)
          .until(() -> e.agent().workers().stream().noneMatch(WorkerSnapshot::busy));
    }
  }

  @Test
  void aHoldMarkerNamesOnlyItsPhase() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings())) {
      String id = e.trigger("Held later INJECT_HOLD:assessment");
      await()
          .atMost(TestEngine.WAIT)
          .until(
              () ->
                  e.childOf(id, Phase.ASSESSING) != null
                      && e.status(e.childOf(id, Phase.ASSESSING)) == OperationStatus.RUNNING);
      assertThat(e.ops().children(id))
          .extracting(c -> c.status())
          .containsExactly(
              OperationStatus.COMPLETED,
              OperationStatus.COMPLETED,
              OperationStatus.COMPLETED,
              OperationStatus.RUNNING);
      assertThat(e.agent().cancel(id).success()).isTrue();
    }
  }
}
