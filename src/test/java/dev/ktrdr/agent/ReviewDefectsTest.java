package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.inprocess.DesignAgent;
import dev.ktrdr.agent.inprocess.StubAssessmentAgent;
import dev.ktrdr.agent.inprocess.StubDesignAgent;
import dev.ktrdr.agent.reply.CancelReply;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import dev.ktrdr.workers.WorkerType;
import dev.ktrdr.workers.stub.StubTiming;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defects found in the review of issue 9, each pinned by a test that failed on the engine as it
 * was (one global guard, one polling loop).
 */
class ReviewDefectsTest {
  /** Far longer than any bound below: a step that waits for the next poll cannot pass. */
  private static final Duration LONG_POLL = Duration.ofSeconds(120);

  /** Generous for "at once" on a busy 2-core machine, far below {@link #LONG_POLL}. */
  private static final Duration SOON = Duration.ofSeconds(15);

  @TempDir Path dir;

  /** A trigger while the loop sleeps starts the new research at once, not after a full poll. */
  @Test
  void aTriggerWhileTheCoordinatorSleepsIsStepppedAtOnce() {
    try (TestEngine e =
        TestEngine.start(
            dir.resolve("k.db"),
            TestEngine.fastSettings(Duration.ofSeconds(20)).withPollInterval(LONG_POLL))) {
      String first = e.trigger("first");
      await().atMost(SOON).until(() -> "designing".equals(e.phase(first)));
      String second = e.trigger("second, while the loop sleeps");
      await().atMost(SOON).until(() -> "designing".equals(e.phase(second)));
    }
  }

  /**
   * A StackOverflowError from design code (a VirtualMachineError) fails that research only; the
   * engine goes on moving the others.
   */
  @Test
  void aStackOverflowInDesignCodeFailsOneResearchAndTheOthersStillMove() {
    StubTiming timing = new StubTiming(Duration.ofMillis(100));
    StubDesignAgent stub = new StubDesignAgent(timing);
    DesignAgent designer =
        (brief, model) -> {
          if (brief.contains("recurse")) {
            throw new StackOverflowError();
          }
          return stub.design(brief, model);
        };
    try (TestEngine e =
        TestEngine.start(
            dir.resolve("k.db"),
            TestEngine.fastSettings(Duration.ofMillis(100)),
            designer,
            new StubAssessmentAgent(timing))) {
      String broken = e.trigger("recurse forever");
      await().atMost(SOON).until(() -> !e.get(broken).isActive());
      assertThat(e.status(broken)).isEqualTo(OperationStatus.FAILED);
      assertThat(e.get(broken).errorMessage()).contains("StackOverflowError");
      String healthy = e.trigger("healthy");
      e.awaitStatus(healthy, OperationStatus.COMPLETED);
    }
  }

  /**
   * The last free worker is taken between the coordinator's check and its dispatch. The research
   * must wait for the next free worker, not have its child cancelled "No worker available" and then
   * itself cancelled.
   */
  @Test
  void aWorkerTakenAtDispatchTimeLeavesTheResearchWaitingNotCancelled() {
    try (TestEngine e =
        TestEngine.start(
            dir.resolve("k.db"),
            TestEngine.fastSettings(Duration.ofMillis(300)).withWorkers(1, 1))) {
      Operation intruder =
          e.ops().create(OperationType.TRAINING, null, Map.of("brief", "takes the worker"));
      AtomicBoolean once = new AtomicBoolean();
      AtomicReference<Optional<String>> stolen = new AtomicReference<>(Optional.empty());
      e.ops()
          .addListener(
              ev -> {
                if (ev.kind() == OperationEvent.Kind.CREATED
                    && ev.operationType() == OperationType.TRAINING
                    && ev.parentOperationId() != null
                    && once.compareAndSet(false, true)) {
                  stolen.set(e.runtime().workers().dispatch(WorkerType.TRAINING, intruder));
                }
              });
      String id = e.trigger("loses the race for a worker");
      e.awaitStatus(id, OperationStatus.COMPLETED);
      assertThat(e.get(id).errorMessage()).isNull();
      assertThat(e.ops().children(id))
          .noneMatch(c -> c.status() == OperationStatus.CANCELLED)
          .filteredOn(c -> c.operationType() == OperationType.TRAINING)
          .hasSize(1);
    }
  }

  /**
   * The design's tokens were paid for even though its research was cancelled while it finished: the
   * spend must reach the budget.
   */
  @Test
  void spendOfADesignFinishingAsItsResearchIsCancelledIsRecorded() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    DesignAgent paidFor =
        (brief, model) ->
            (progress, cancelled) -> {
              started.countDown();
              while (true) { // the model call is under way and cannot be taken back
                try {
                  if (finish.await(10, TimeUnit.MILLISECONDS)) {
                    break;
                  }
                } catch (InterruptedException ignored) {
                  // an HTTP call need not stop on an interrupt
                }
              }
              return Map.of(
                  "strategy_name", "paid_for", "input_tokens", 2500, "output_tokens", 1800);
            };
    try (TestEngine e =
        TestEngine.start(
            dir.resolve("k.db"),
            TestEngine.fastSettings(Duration.ofMillis(100)),
            paidFor,
            new StubAssessmentAgent(new StubTiming(Duration.ofMillis(100))))) {
      String id = e.trigger("cancelled while its design finishes");
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(e.agent().cancel(id).success()).isTrue();
      finish.countDown();
      // sonnet: 2500 in at $3/M + 1800 out at $15/M
      await()
          .atMost(SOON)
          .until(() -> e.agent().budget().todaySpend() == new BigDecimal("0.0345").doubleValue());
      assertThat(e.status(id)).isEqualTo(OperationStatus.CANCELLED);
    }
  }

  /**
   * A research cancelled because its child was cancelled carries the same cancel record as one
   * cancelled by a user: reason, who (the engine) and when, on the research and in its log.
   */
  @Test
  void aResearchCancelledBecauseItsChildWasHasAFullCancelRecord() {
    PhaseGates gates = new PhaseGates().holdEvery(Phase.DESIGNING);
    try (TestEngine e =
        TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings(), gates)) {
      String id = e.trigger("its child is cancelled under it");
      String child = TestEngine.childIdOf(e.awaitRunningChild(id, "designing"));
      assertThat(e.ops().cancel(child, "the worker went away").applied()).isTrue();
      e.awaitStatus(id, OperationStatus.CANCELLED);
      Operation r = e.get(id);
      String reason = "Child operation " + child + " was cancelled";
      assertThat(r.errorMessage()).isEqualTo(reason);
      assertThat(r.parameters())
          .containsEntry("cancel_reason", reason)
          .containsEntry("cancelled_by", "engine")
          .containsKey("cancelled_at");
      assertThat(e.ops().history(id, 50))
          .anySatisfy(ev -> assertThat(ev.message()).isEqualTo("Cancelled by engine: " + reason));
    }
  }

  /** A blank reason is the default reason on every cancel path, the generic one included. */
  @Test
  void theGenericCancelOfAStrayChildRecordsTheDefaultReasonForABlankOne() {
    try (TestEngine e =
        TestEngine.start(dir.resolve("k.db"), TestEngine.fastSettings(Duration.ofSeconds(20)))) {
      String research = e.ops().create(OperationType.AGENT_RESEARCH, null, Map.of()).operationId();
      e.ops().start(research);
      String child =
          e.ops().create(OperationType.TRAINING, research, Map.of("brief", "x")).operationId();
      e.ops().start(child);
      e.ops().fail(research, "ended without its child"); // the child is left active
      CancelReply reply = e.agent().cancelOperation(child, "   ", CancelSource.CLI);
      assertThat(reply.success()).isTrue();
      assertThat(e.status(child)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(e.get(child).errorMessage()).isEqualTo("Cancelled by user");
    }
  }
}
