package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.inprocess.AssessmentAgent;
import dev.ktrdr.agent.inprocess.DesignAgent;
import dev.ktrdr.agent.inprocess.StubAssessmentAgent;
import dev.ktrdr.agent.inprocess.StubDesignAgent;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import dev.ktrdr.workers.stub.StubTiming;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's list for in-process child tasks (Task 4.4), plus stragglers. */
class ChildTasksTest {
  @TempDir Path dir;

  @Test
  void taskIsTrackedWhileDesignRunsAndRemovedOnCompletion() {
    PhaseGates gates =
        new PhaseGates().hold("tracked", Phase.DESIGNING).hold("tracked", Phase.ASSESSING);
    try (TestEngine e =
        TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings(), gates)) {
      String id = e.trigger("tracked");
      gates.awaitHeld("tracked", Phase.DESIGNING);
      PhaseTask design = e.agent().childTasks().get(id).orElseThrow();
      assertThat(design.childId()).isEqualTo(e.childOf(id, Phase.DESIGNING));
      gates.release("tracked", Phase.DESIGNING);

      gates.awaitHeld("tracked", Phase.ASSESSING);
      assertThat(design.hasExited()).isTrue();
      PhaseTask assessment = e.agent().childTasks().get(id).orElseThrow();
      assertThat(assessment.childId()).isEqualTo(e.childOf(id, Phase.ASSESSING));
      assertThat(e.agent().childTasks().size()).isEqualTo(1);
      gates.release("tracked", Phase.ASSESSING);

      e.awaitStatus(id, OperationStatus.COMPLETED);
      await().atMost(TestEngine.WAIT).until(() -> e.agent().childTasks().size() == 0);
      assertThat(assessment.hasExited()).isTrue();
    }
  }

  @Test
  void taskIsRemovedOnFailure() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings())) {
      String id = e.trigger("INJECT_FAILURE");
      e.awaitStatus(id, OperationStatus.FAILED);
      assertThat(e.get(id).errorMessage()).isEqualTo("Design failed: Injected failure in design");
      await().atMost(TestEngine.WAIT).until(() -> e.agent().childTasks().size() == 0);
    }
  }

  @Test
  void cancellingAResearchStopsItsInProgressDesign() throws Exception {
    CountDownLatch designStarted = new CountDownLatch(1);
    AtomicBoolean designExitedByInterrupt = new AtomicBoolean();
    CountDownLatch designExited = new CountDownLatch(1);
    DesignAgent blocking =
        (brief, model) ->
            (progress, cancelled) -> {
              designStarted.countDown();
              try {
                new CountDownLatch(1).await(); // waits until interrupted
                return Map.of();
              } catch (InterruptedException ex) {
                designExitedByInterrupt.set(true);
                throw ex;
              } finally {
                designExited.countDown();
              }
            };
    try (TestEngine e =
        TestEngine.start(
            dir.resolve("k.db"),
            TestEngine.instantSettings(),
            blocking,
            new StubAssessmentAgent(new StubTiming(Duration.ZERO)))) {
      String id = e.trigger("blocking design");
      assertThat(designStarted.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(e.agent().childTasks().isTracked(id)).isTrue();
      e.agent().cancel(id);
      assertThat(e.agent().childTasks().isTracked(id)).isFalse();
      assertThat(designExited.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(designExitedByInterrupt).isTrue();
      assertThat(e.status(e.get(id).param("design_op_id"))).isEqualTo(OperationStatus.CANCELLED);
    }
  }

  @Test
  void aTaskIgnoringItsInterruptCannotWriteIntoTheCancelledResearch() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    DesignAgent stubborn =
        (brief, model) ->
            (progress, cancelled) -> {
              started.countDown();
              while (true) {
                try {
                  if (release.await(10, TimeUnit.MILLISECONDS)) {
                    break;
                  }
                } catch (InterruptedException ignored) {
                  // deliberately ignores the cancel
                }
              }
              return Map.of("strategy_name", "sneaky", "input_tokens", 1, "output_tokens", 1);
            };
    AssessmentAgent assessor = new StubAssessmentAgent(new StubTiming(Duration.ZERO));
    try (TestEngine e =
        TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings(), stubborn, assessor)) {
      String id = e.trigger("straggler");
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      String design = e.get(id).param("design_op_id");
      assertThat(e.agent().cancel(id).success()).isTrue();
      assertThat(e.agent().childTasks().isTracked(id)).isFalse();
      await().atMost(TestEngine.WAIT).until(() -> e.agent().childTasks().stragglerCount() == 1);
      assertThat(e.ops().history(id, 50))
          .anySatisfy(ev -> assertThat(ev.message()).startsWith("Straggler"));
      release.countDown();
      await().atMost(TestEngine.WAIT).until(() -> e.agent().childTasks().stragglerCount() == 0);
      assertThat(e.status(design)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(e.get(design).resultSummary()).isNull();
      assertThat(e.get(id).param("strategy_name")).isNull();
      assertThat(e.status(id)).isEqualTo(OperationStatus.CANCELLED);
    }
  }

  /**
   * The stub design stops on its cancel flag (an in-process task's cancel) and on an interrupt,
   * long before its own end, and returns no result. How fast it stops is measured by {@code
   * bench.StubCancelBench}, not here.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void stubDesignStopsOnItsCancelFlagOrItsInterrupt(boolean byFlag) throws Exception {
    StubDesignAgent design = new StubDesignAgent(new StubTiming(Duration.ofDays(1)));
    AtomicBoolean cancelled = new AtomicBoolean();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                running.countDown();
                outcome.set(design.design("x", "m").run((p, s) -> {}, cancelled::get));
              } catch (Exception e) {
                outcome.set(e);
              }
              done.countDown();
            });
    t.start();
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
    if (byFlag) {
      cancelled.set(true);
    } else {
      t.interrupt();
    }
    assertThat(done.await(30, TimeUnit.SECONDS)).as("stopped within a day-long phase").isTrue();
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
  }
}
