package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.config.ModelAccess;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.ResearchJson;
import dev.ktrdr.research.data.BundledDatasets;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.design.DesignRequest;
import dev.ktrdr.research.design.RuleBasedDesigner;
import dev.ktrdr.research.llm.FakeAnthropic;
import dev.ktrdr.research.strategy.StrategySpec;
import dev.ktrdr.testing.TestEngine;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real research through the whole engine: the rule-based (or model-based) designer, local training
 * and backtest workers and the assessor, on the smallest bundled dataset (252 daily AAPL bars), so
 * each research takes well under a second.
 */
class RealResearchTest {
  private static final String DATASET = BundledDatasets.AAPL_1D;

  @TempDir Path dir;

  private static TriggerRequest request(String brief, long seed, boolean bypassGates) {
    return new TriggerRequest(brief, null, bypassGates, false)
        .onDataset(DATASET, null, null)
        .withSeed(seed);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aResearchDesignsTrainsBacktestsAndAssessesWithRealNumbers() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.realSettings())) {
      String id = e.trigger(request("RSI mean reversion", 42, true));
      e.awaitStatus(id, OperationStatus.COMPLETED);
      Operation r = e.get(id);

      // The research records what it ran on: dataset, seed and the designed spec.
      assertThat(r.param("dataset_id")).isEqualTo(DATASET);
      assertThat(r.param("seed")).isEqualTo("42");
      Map<String, Object> spec = (Map<String, Object>) r.parameters().get("strategy_spec");
      assertThat(spec)
          .containsEntry("dataset", DATASET)
          .containsEntry("seed", 42)
          .containsEntry("name", r.param("strategy_name"));

      // Training: the series live in the child's result; the research keeps the numbers.
      Operation training = e.get(e.childOf(id, Phase.TRAINING));
      Map<String, Object> tr = training.resultSummary();
      int epochs = ((Number) tr.get("epochs")).intValue();
      List<Double> curve = (List<Double>) tr.get("loss_curve");
      assertThat(curve).hasSize(epochs + 1);
      assertThat(tr.get("initial_loss")).isEqualTo(curve.get(0));
      assertThat(tr.get("final_loss")).isEqualTo(curve.get(epochs));
      assertThat((double) tr.get("accuracy")).isBetween(0.0, 1.0);
      assertThat((Map<String, Object>) tr.get("model")).containsKey("parameters");
      Map<String, Object> kept = (Map<String, Object>) r.parameters().get("training_result");
      assertThat(kept).doesNotContainKeys("loss_curve", "model");
      assertThat(kept.get("accuracy")).isEqualTo(tr.get("accuracy"));
      assertThat(kept.get("final_loss")).isEqualTo(tr.get("final_loss"));

      // Backtest: the out-of-sample part of the same dataset, curve and trades in the child.
      Operation backtest = e.get(e.childOf(id, Phase.BACKTESTING));
      Map<String, Object> bt = backtest.resultSummary();
      Dataset aapl = BundledDatasets.find(DATASET).orElseThrow();
      assertThat(((Number) bt.get("bars")).intValue()).isLessThan(aapl.size() / 2);
      assertThat(bt.get("end")).isEqualTo(aapl.bars().get(aapl.size() - 1).time().toString());
      assertThat((List<Object>) bt.get("equity_curve")).isNotEmpty();
      assertThat(bt).containsKeys("trades", "buy_and_hold_return", "sharpe_ratio");
      Map<String, Object> btKept = (Map<String, Object>) r.parameters().get("backtest_result");
      assertThat(btKept).doesNotContainKeys("equity_curve", "trades");
      assertThat(btKept.get("sharpe_ratio")).isEqualTo(bt.get("sharpe_ratio"));

      // Assessment and summary, from the same numbers; the rule-based path costs nothing.
      Operation assessment = e.get(e.childOf(id, Phase.ASSESSING));
      assertThat(assessment.resultSummary().get("verdict")).isIn("promising", "mixed", "reject");
      assertThat(assessment.resultSummary()).containsEntry("assessor", "rule_based");
      assertThat(r.resultSummary())
          .containsEntry("verdict", assessment.resultSummary().get("verdict"))
          .containsEntry("backtest_result", btKept);
      assertThat(e.agent().budget().todaySpend()).isZero();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameBriefDatasetAndSeedGiveTheSameSpecModelAndMetrics() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.realSettings())) {
      String a = e.trigger(request("momentum with a neural network", 7, true));
      String b = e.trigger(request("momentum with a neural network", 7, true));
      e.awaitStatus(a, OperationStatus.COMPLETED);
      e.awaitStatus(b, OperationStatus.COMPLETED);
      assertThat(e.get(a).parameters().get("strategy_spec"))
          .isEqualTo(e.get(b).parameters().get("strategy_spec"));
      Map<String, Object> ta = e.get(e.childOf(a, Phase.TRAINING)).resultSummary();
      Map<String, Object> tb = e.get(e.childOf(b, Phase.TRAINING)).resultSummary();
      assertThat(ta.get("model")).as("the same fitted model").isEqualTo(tb.get("model"));
      assertThat(ta).isEqualTo(tb);
      assertThat(e.get(e.childOf(a, Phase.BACKTESTING)).resultSummary())
          .isEqualTo(e.get(e.childOf(b, Phase.BACKTESTING)).resultSummary());
      assertThat(e.get(a).resultSummary()).isEqualTo(e.get(b).resultSummary());
    }
  }

  @Test
  void aTriggerNamesItsDatasetByIdOrBySymbolAndTimeframeAndAnUnknownOneIsRefused() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.realSettings())) {
      String byPair =
          e.trigger(
              new TriggerRequest("INJECT_HOLD:design trend", null, false, false)
                  .onDataset(null, "btc/usd", "1h"));
      assertThat(e.get(byPair).param("dataset_id")).isEqualTo(BundledDatasets.BTCUSD_1H);
      assertThat(e.get(byPair).param("seed")).as("drawn and recorded").isNotNull();

      assertThatThrownBy(
              () ->
                  e.agent()
                      .trigger(
                          new TriggerRequest("x", null, false, false)
                              .onDataset("nope-1d", null, null)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("unknown dataset 'nope-1d'")
          .hasMessageContaining(DATASET);
      assertThatThrownBy(
              () ->
                  e.agent()
                      .trigger(
                          new TriggerRequest("x", null, false, false)
                              .onDataset(null, "MSFT", null)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("no dataset for symbol MSFT");
      assertThatThrownBy(
              () -> e.agent().trigger(new TriggerRequest("x", null, false, false).withSeed(-1L)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("seed must be a whole number from 0 to");
      assertThat(e.ops().active(dev.ktrdr.operations.OperationType.AGENT_RESEARCH))
          .as("no research was created by a refused trigger")
          .extracting(Operation::operationId)
          .containsExactly(byPair);
      e.agent().cancel(byPair);
    }
  }

  @Test
  void cancellingAResearchMidTrainingStopsItAndLeavesTheOtherToComplete() {
    try (TestEngine e =
        TestEngine.start(dir.resolve("k.db"), TestEngine.realSettings().withLocalWorkers(2, 1))) {
      String held = e.trigger(request("RSI INJECT_HOLD:training", 3, true));
      Operation r = e.awaitRunningChild(held, "training");
      String child = TestEngine.childIdOf(r);
      await()
          .atMost(TestEngine.WAIT)
          .until(() -> String.valueOf(e.get(child).currentStep()).startsWith("Epoch 1/"));
      String other = e.trigger(request("trend following", 4, true));

      assertThat(e.agent().cancel(held).success()).isTrue();
      assertThat(e.status(held)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(e.status(child)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(e.workerFree(child)).as("its worker is free at once").isTrue();
      e.awaitStatus(other, OperationStatus.COMPLETED);
      assertThat(e.get(held).parameters()).doesNotContainKey("training_result");
      assertThat(e.get(child).resultSummary()).as("nothing half-written").isNull();
    }
  }

  @Test
  void aGateReadsTheRealNumbersAndSendsAWeakStrategyToAPartialAssessment() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.realSettings())) {
      // With this seed the design's thresholds are never crossed out of sample: no trade, so the
      // backtest gate rejects it (win rate 0 < 0.10).
      String id = e.trigger(request("RSI mean reversion", 42, false));
      e.awaitStatus(id, OperationStatus.COMPLETED);
      Operation backtest = e.get(e.childOf(id, Phase.BACKTESTING));
      assertThat(backtest.resultSummary())
          .as("precondition: this seed never trades on %s", DATASET)
          .containsEntry("total_trades", 0);
      Map<String, Object> gate = (Map<String, Object>) e.get(id).parameters().get("gate_rejection");
      assertThat(gate).containsEntry("reason", "win_rate_too_low");
      Operation assessment = e.get(e.childOf(id, Phase.ASSESSING));
      assertThat(assessment.resultSummary())
          .containsEntry("verdict", "reject")
          .containsEntry("partial", true);
      assertThat(e.get(id).resultSummary()).containsEntry("success", false);
    }
  }

  @Test
  void withAModelKeyTheModelDesignsAndAssessesAndItsTokensAreSpent() throws Exception {
    try (MockWebServer fake = new MockWebServer()) {
      fake.start();
      Dataset aapl = BundledDatasets.find(DATASET).orElseThrow();
      StrategySpec spec =
          new RuleBasedDesigner()
              .design(DesignRequest.of("RSI", 9, List.of(aapl.summary())), CancelSignal.NONE)
              .spec();
      fake.enqueue(
          FakeAnthropic.message(
              ResearchJson.write(Map.of("explanation", "RSI suits it.", "spec", spec.toMap())),
              "end_turn",
              1200,
              800));
      fake.enqueue(
          FakeAnthropic.message(
              "{\"verdict\": \"mixed\", \"strengths\": [\"a\"], \"weaknesses\": [\"b\"],"
                  + " \"suggestions\": [\"c\"], \"summary\": \"so-so\"}",
              "end_turn",
              2000,
              300));
      ModelAccess access = new ModelAccess("test-key", fake.url("/").toString());
      try (TestEngine e =
          TestEngine.start(
              dir.resolve("k.db"), TestEngine.realSettings().withModelAccess(access))) {
        String id = e.trigger(request("RSI", 9, true).withSeed(9L));
        e.awaitStatus(id, OperationStatus.COMPLETED);
        Operation design = e.get(e.childOf(id, Phase.DESIGNING));
        assertThat(design.resultSummary())
            .containsEntry("designer", "llm")
            .containsEntry("input_tokens", 1200)
            .containsEntry("output_tokens", 800);
        assertThat(e.get(e.childOf(id, Phase.ASSESSING)).resultSummary())
            .containsEntry("assessor", "llm")
            .containsEntry("verdict", "mixed");
        BigDecimal expected = Model.SONNET.cost(1200, 800).add(Model.SONNET.cost(2000, 300));
        assertThat(BigDecimal.valueOf(e.agent().budget().todaySpend()))
            .isEqualByComparingTo(expected);
        assertThat(fake.takeRequest().getBody().readUtf8())
            .contains(Model.SONNET.id())
            .contains("Use dataset " + DATASET);
      }
    }
  }

  @Test
  void aModelReplyThatDoesNotValidateFailsTheDesignAndItsTokensAreStillSpent() throws Exception {
    try (MockWebServer fake = new MockWebServer()) {
      fake.start();
      fake.enqueue(FakeAnthropic.message("{\"explanation\": \"no spec\"}", "end_turn", 500, 40));
      ModelAccess access = new ModelAccess("test-key", fake.url("/").toString());
      try (TestEngine e =
          TestEngine.start(
              dir.resolve("k.db"), TestEngine.realSettings().withModelAccess(access))) {
        String id = e.trigger(request("RSI", 9, true));
        e.awaitStatus(id, OperationStatus.FAILED);
        assertThat(e.get(id).errorMessage())
            .isEqualTo("Design failed: the model's reply has no 'spec' object");
        assertThat(BigDecimal.valueOf(e.agent().budget().todaySpend()))
            .isEqualByComparingTo(Model.SONNET.cost(500, 40));
      }
    }
  }

  @Test
  void theTriggerRefusesNothingAtTriggerTimeThatTheStubEngineWouldAccept() {
    // Stubs too take a dataset and a seed, and record them (the design just ignores them).
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings())) {
      TriggerReply reply = e.agent().trigger(request("INJECT_HOLD:design x", 5, false));
      String id = ((dev.ktrdr.agent.reply.Triggered) reply).operationId();
      assertThat(e.get(id).param("dataset_id")).isEqualTo(DATASET);
      assertThat(e.get(id).param("seed")).isEqualTo("5");
      e.agent().cancel(id);
    }
  }
}
