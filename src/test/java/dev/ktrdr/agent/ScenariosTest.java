package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.inprocess.AssessmentAgent;
import dev.ktrdr.agent.inprocess.StubDesignAgent;
import dev.ktrdr.agent.reply.CancelReply;
import dev.ktrdr.agent.reply.Cancelled;
import dev.ktrdr.agent.reply.StatusReply;
import dev.ktrdr.agent.reply.TriggerRefused;
import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.config.Settings;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationQuery;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.PhaseGates.Gate;
import dev.ktrdr.testing.TestEngine;
import dev.ktrdr.workers.WorkerSnapshot;
import dev.ktrdr.workers.stub.StubTiming;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §12 acceptance scenarios at the service level (8 is in RestartTest, 7 and 9 in
 * AgentCancelTest).
 */
class ScenariosTest {
  @TempDir Path dir;

  @Test
  void scenario1_cancelOneResearchWhileTheOthersComplete() {
    // B holds in training (its worker busy, its child running) until it is cancelled; A and C
    // run straight through. Nothing races B's phase.
    PhaseGates gates = new PhaseGates().hold("B", Phase.TRAINING);
    try (TestEngine e =
        TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings(), gates)) {
      String a = e.trigger("A");
      String b = e.trigger("B");
      String c = e.trigger("C");
      Gate bTraining = gates.awaitHeld("B", Phase.TRAINING);
      String bChild = e.childOf(b, Phase.TRAINING);
      assertThat(e.workerFree(bChild)).isFalse();

      CancelReply reply = e.agent().cancel(b);

      assertThat(reply).isEqualTo(new Cancelled(b, bChild));
      assertThat(e.status(b)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(e.status(bChild)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(e.workerFree(bChild)).isTrue();
      assertThat(bTraining.awaitExit()).isTrue();
      assertThat(bTraining.sawCancel()).isTrue();
      e.awaitStatus(a, OperationStatus.COMPLETED);
      e.awaitStatus(c, OperationStatus.COMPLETED);
      assertThat(e.status(b)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(e.get(b).param("phase")).isEqualTo("training");
      assertThat(e.ops().children(b))
          .extracting(Operation::status)
          .containsExactly(OperationStatus.COMPLETED, OperationStatus.CANCELLED);
      for (String done : List.of(a, c)) {
        Operation op = e.get(done);
        assertThat(op.resultSummary())
            .containsEntry("success", true)
            .containsEntry("verdict", "promising")
            .containsKeys("strategy_name", "backtest_result");
        assertThat(op.progressPercentage()).isEqualTo(100.0);
        assertThat(op.currentStep()).isEqualTo("Complete");
        assertThat(op.parameters())
            .containsKeys(
                "design_op_id",
                "training_op_id",
                "backtest_op_id",
                "assessment_op_id",
                "strategy_name",
                "training_result",
                "backtest_result",
                "assessment_verdict",
                "phase_start_time");
        assertThat(op.param("phase")).isEqualTo("assessing");
        assertThat(e.ops().children(done))
            .hasSize(4)
            .allSatisfy(ch -> assertThat(ch.parentOperationId()).isEqualTo(done))
            .allSatisfy(ch -> assertThat(ch.status()).isEqualTo(OperationStatus.COMPLETED))
            .extracting(Operation::operationType)
            .containsExactly(
                OperationType.AGENT_DESIGN,
                OperationType.TRAINING,
                OperationType.BACKTESTING,
                OperationType.AGENT_ASSESSMENT);
      }
      await().atMost(TestEngine.WAIT).until(() -> !e.agent().coordinator().isRunning());
      await()
          .atMost(TestEngine.WAIT)
          .until(() -> e.agent().workers().stream().noneMatch(WorkerSnapshot::busy));
      assertThat(e.agent().childTasks().size()).isZero();
    }
  }

  @Test
  void scenario2_twoResearchesRunConcurrentlyWithOverlappingPhases() {
    // Both designs are held at once, so both run at the same time: the overlap is a fact of the
    // test, not a hope about thread timing.
    PhaseGates gates = new PhaseGates().holdEvery(Phase.DESIGNING);
    try (TestEngine e =
        TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings(), gates)) {
      String a = e.trigger("A");
      String b = e.trigger("B");
      gates.awaitHeld("A", Phase.DESIGNING);
      gates.awaitHeld("B", Phase.DESIGNING);
      assertThat(e.agent().childTasks().trackedResearchIds()).containsExactlyInAnyOrder(a, b);
      gates.release("A", Phase.DESIGNING);
      gates.release("B", Phase.DESIGNING);
      e.awaitStatus(a, OperationStatus.COMPLETED);
      e.awaitStatus(b, OperationStatus.COMPLETED);
      Operation designA = e.get(e.get(a).param("design_op_id"));
      Operation designB = e.get(e.get(b).param("design_op_id"));
      assertThat(designA.startedAt()).isBeforeOrEqualTo(designB.completedAt());
      assertThat(designB.startedAt()).isBeforeOrEqualTo(designA.completedAt());
    }
  }

  @Test
  void scenario3_anInjectedFailureFailsOnlyItsResearch() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings())) {
      String a = e.trigger("A");
      String b = e.trigger("B INJECT_FAILURE");
      String c = e.trigger("C");
      e.awaitStatus(a, OperationStatus.COMPLETED);
      e.awaitStatus(c, OperationStatus.COMPLETED);
      assertThat(e.status(b)).isEqualTo(OperationStatus.FAILED);
      assertThat(e.get(b).errorMessage()).contains("Injected failure in design");
    }
  }

  @Test
  void failuresInEveryLaterPhaseFailTheResearch() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings())) {
      String t = e.trigger("INJECT_FAILURE:training");
      String bt = e.trigger("INJECT_FAILURE:backtest");
      String as = e.trigger("INJECT_FAILURE:assessment");
      e.awaitStatus(t, OperationStatus.FAILED);
      e.awaitStatus(bt, OperationStatus.FAILED);
      e.awaitStatus(as, OperationStatus.FAILED);
      assertThat(e.get(t).errorMessage()).startsWith("Training failed");
      assertThat(e.get(bt).errorMessage()).startsWith("Backtest failed");
      assertThat(e.get(as).errorMessage()).startsWith("Assessment failed");
      await()
          .atMost(TestEngine.WAIT)
          .until(() -> e.agent().workers().stream().noneMatch(WorkerSnapshot::busy));
    }
  }

  @Test
  void anExceptionWhileAdvancingFailsThatResearchOnly() {
    StubTiming timing = new StubTiming(Duration.ZERO);
    AssessmentAgent normal = new dev.ktrdr.agent.inprocess.StubAssessmentAgent(timing);
    AssessmentAgent explodesForB =
        (brief, model, tr, bt, rej) -> {
          if (brief.contains("EXPLODE")) {
            throw new IllegalStateException("assessor exploded");
          }
          return normal.assess(brief, model, tr, bt, rej);
        };
    try (TestEngine e =
        TestEngine.start(
            dir.resolve("k.db"),
            TestEngine.instantSettings(),
            new StubDesignAgent(timing),
            explodesForB)) {
      String a = e.trigger("A");
      String b = e.trigger("B EXPLODE");
      String c = e.trigger("C");
      e.awaitStatus(a, OperationStatus.COMPLETED);
      e.awaitStatus(c, OperationStatus.COMPLETED);
      e.awaitStatus(b, OperationStatus.FAILED);
      assertThat(e.get(b).errorMessage()).contains("assessor exploded");
      assertThat(e.ops().children(b)).noneMatch(Operation::isActive);
    }
  }

  @Test
  void gateFailuresGoStraightToAPartialAssessment() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings())) {
      String t = e.trigger("INJECT_GATE_FAIL:training");
      String b = e.trigger("INJECT_GATE_FAIL:backtest");
      String bypass =
          ((Triggered)
                  e.agent()
                      .trigger(
                          new TriggerRequest("INJECT_GATE_FAIL:training", "haiku", true, false)))
              .operationId();
      for (String id : List.of(t, b, bypass)) {
        e.awaitStatus(id, OperationStatus.COMPLETED);
      }
      Operation tr = e.get(t);
      assertThat(tr.parameters().get("gate_rejection"))
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("reason", "accuracy_below_threshold");
      assertThat(tr.parameters()).doesNotContainKey("backtest_op_id");
      assertThat(tr.resultSummary()).containsEntry("success", false);
      assertThat(e.get(b).parameters().get("gate_rejection").toString())
          .contains("win_rate_too_low");
      assertThat(e.get(bypass).parameters())
          .doesNotContainKey("gate_rejection")
          .containsKey("backtest_op_id");
      assertThat(e.get(bypass).param("model")).isEqualTo(Model.HAIKU.id());
    }
  }

  @Test
  void scenario4_queuingWithOneTrainingWorkerServesWaitingResearchesOldestFirst() {
    // Every training is held, so the one worker stays busy until the test lets it go.
    PhaseGates gates = new PhaseGates().holdEvery(Phase.DESIGNING).holdEvery(Phase.TRAINING);
    Settings s = TestEngine.instantSettings().withWorkers(1, 1).withMaxConcurrentResearches(3);
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), s, gates)) {
      String a = e.trigger("A");
      String b = e.trigger("B");
      String c = e.trigger("C");
      // C designs first and takes the only training worker ...
      gates.release("C", Phase.DESIGNING);
      Gate cTraining = gates.awaitHeld("C", Phase.TRAINING);
      // ... then A and B finish their designs and wait in "designing" (no "waiting" phase).
      gates.release("B", Phase.DESIGNING);
      gates.release("A", Phase.DESIGNING);
      for (String id : List.of(a, b)) {
        await()
            .atMost(TestEngine.WAIT)
            .until(() -> e.status(e.childOf(id, Phase.DESIGNING)) == OperationStatus.COMPLETED);
      }
      assertThat(e.phase(a)).isEqualTo("designing");
      assertThat(e.phase(b)).isEqualTo("designing");
      assertThat(e.childOf(a, Phase.TRAINING)).isNull();
      assertThat(e.childOf(b, Phase.TRAINING)).isNull();

      // The freed worker goes to the oldest waiting research, A, although B's design ended first.
      cTraining.release();
      Gate aTraining = gates.awaitHeld("A", Phase.TRAINING);
      assertThat(e.phase(b)).isEqualTo("designing");
      assertThat(e.childOf(b, Phase.TRAINING)).isNull();
      aTraining.release();
      gates.awaitHeld("B", Phase.TRAINING).release();

      for (String id : List.of(a, b, c)) {
        e.awaitStatus(id, OperationStatus.COMPLETED);
      }
      List<Operation> trainings =
          new java.util.ArrayList<>(
              e.ops().list(OperationQuery.all().withType(OperationType.TRAINING)).operations());
      java.util.Collections.reverse(trainings); // the listing is newest first
      assertThat(trainings).extracting(Operation::parentOperationId).containsExactly(c, a, b);
    }
  }

  @Test
  void scenario5_capacityLimitAndForce() {
    PhaseGates gates = new PhaseGates().holdEvery(Phase.DESIGNING);
    Settings s = TestEngine.instantSettings().withMaxConcurrentResearches(2);
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), s, gates)) {
      e.trigger("A");
      e.trigger("B");
      TriggerReply third = e.agent().trigger(TriggerRequest.of("C"));
      assertThat(third).isEqualTo(TriggerRefused.atCapacity(2, 2));
      assertThat(third.message()).isEqualTo("At capacity: 2 active researches, limit is 2");
      assertThat(e.ops().countActive(OperationType.AGENT_RESEARCH)).isEqualTo(2);
      TriggerReply forced = e.agent().trigger(new TriggerRequest("C", null, false, true));
      assertThat(forced.triggered()).isTrue();
      StatusReply status = e.agent().getStatus();
      assertThat(status.capacity()).isEqualTo(new StatusReply.Capacity(3, 2));
      assertThat(status.status()).isEqualTo("active");
      assertThat(status.activeResearches()).hasSize(3);
      assertThat(status.workers()).containsKeys("training", "backtesting");
      assertThat(status.workers().get("training").total()).isEqualTo(2);
    }
  }

  @Test
  void scenario6_budgetExhaustedRefusesTriggersButRunningResearchesFinish() {
    // 0.16 allows one start; the first design's spend (0.0345 on sonnet) drops it below 0.15.
    Settings s = TestEngine.instantSettings().withDailyBudget(new BigDecimal("0.16"));
    // A is held in training (its design spent), so no operation appears while B is refused.
    PhaseGates gates = new PhaseGates().hold("A", Phase.TRAINING);
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), s, gates)) {
      String a = e.trigger("A");
      Gate aTraining = gates.awaitHeld("A", Phase.TRAINING);
      assertThat(e.get(a).param("strategy_name")).isNotNull();
      int before = e.ops().list(OperationQuery.all()).totalCount();
      TriggerReply refused = e.agent().trigger(TriggerRequest.of("B"));
      assertThat(refused).isInstanceOf(TriggerRefused.BudgetExhausted.class);
      assertThat(refused.triggered()).isFalse();
      assertThat(e.ops().list(OperationQuery.all()).totalCount())
          .as("no operation created")
          .isEqualTo(before);
      aTraining.release();
      e.awaitStatus(a, OperationStatus.COMPLETED);
      assertThat(e.agent().budget().todaySpend()).isEqualTo(0.066);
      assertThat(e.agent().trigger(new TriggerRequest("forced", null, false, true)).triggered())
          .isTrue();
    }
  }

  @Test
  void unknownModelIsAValidationError() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> e.agent().trigger(new TriggerRequest("x", "gpt-4", false, false)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("Unknown model 'gpt-4'");
      assertThat(e.ops().list(OperationQuery.all()).totalCount()).isZero();
      Triggered t = (Triggered) e.agent().trigger(new TriggerRequest(null, "opus", false, false));
      assertThat(t.model()).isEqualTo(Model.OPUS.id());
      assertThat(e.get(t.operationId()).param("brief")).isEqualTo(TriggerRequest.DEFAULT_BRIEF);
      assertThat(e.get(t.operationId()).parameters()).containsEntry("bypass_gates", false);
    }
  }

  @Test
  void theCoordinatorStopsWhenIdleAndStartsOnTrigger() {
    PhaseGates gates = new PhaseGates().hold("A", Phase.DESIGNING);
    try (TestEngine e =
        TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings(), gates)) {
      assertThat(e.agent().coordinator().isRunning()).isFalse();
      assertThat(e.agent().getStatus().status()).isEqualTo("idle");
      String a = e.trigger("A");
      assertThat(e.agent().coordinator().isRunning()).isTrue();
      gates.awaitHeld("A", Phase.DESIGNING);
      assertThat(e.agent().coordinator().isRunning()).as("A is active").isTrue();
      gates.release("A", Phase.DESIGNING);
      e.awaitStatus(a, OperationStatus.COMPLETED);
      await().atMost(TestEngine.WAIT).until(() -> !e.agent().coordinator().isRunning());
      assertThat(e.agent().getStatus().lastCycle()).isNotNull();
      String b = e.trigger("B");
      e.awaitStatus(b, OperationStatus.COMPLETED);
    }
  }

  @Test
  void aCancelRacingCompletionEndsInExactlyOneTerminalState() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings())) {
      for (int i = 0; i < 60; i++) {
        Operation r =
            e.ops().create(OperationType.AGENT_RESEARCH, null, Map.of("phase", "assessing"));
        e.ops().start(r.operationId());
        java.util.concurrent.CyclicBarrier go = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.CompletableFuture<Boolean> completer =
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                  meet(go);
                  return e.ops().complete(r.operationId(), Map.of()).applied();
                });
        meet(go);
        boolean cancelled = e.agent().cancel(r.operationId()).success();
        boolean completed = completer.join();
        assertThat(cancelled ^ completed).as("exactly one wins, round " + i).isTrue();
        assertThat(e.status(r.operationId()))
            .isEqualTo(cancelled ? OperationStatus.CANCELLED : OperationStatus.COMPLETED);
      }
    }
  }

  private static void meet(java.util.concurrent.CyclicBarrier b) {
    try {
      b.await(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception ex) {
      throw new IllegalStateException(ex);
    }
  }
}
