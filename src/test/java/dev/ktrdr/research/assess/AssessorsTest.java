package dev.ktrdr.research.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.llm.AnthropicLlmClient;
import dev.ktrdr.research.llm.FakeAnthropic;
import java.util.HashMap;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

class AssessorsTest {
  private static Map<String, Object> training(double acc, double base) {
    return new HashMap<>(
        Map.of(
            "accuracy",
            acc,
            "baseline_accuracy",
            base,
            "initial_loss",
            0.693,
            "final_loss",
            0.60,
            "holdout_loss",
            0.62));
  }

  private static Map<String, Object> backtest(
      double sharpe, double ret, double bh, double dd, int trades, double win) {
    return new HashMap<>(
        Map.of(
            "sharpe_ratio",
            sharpe,
            "total_return",
            ret,
            "buy_and_hold_return",
            bh,
            "max_drawdown",
            dd,
            "total_trades",
            trades,
            "win_rate",
            win));
  }

  private final RuleBasedAssessor rules = new RuleBasedAssessor();

  @Test
  void strongNumbersArePromising() {
    Assessment a =
        rules.assess(
            new AssessmentInput(
                Map.of(), training(0.60, 0.52), backtest(1.8, 0.12, 0.05, 0.06, 14, 0.6), null),
            CancelSignal.NONE);
    assertThat(a.verdict()).isEqualTo(Verdict.PROMISING);
    assertThat(a.strengths())
        .contains("out-of-sample Sharpe ratio 1.800", "return 12.0% beats buy and hold (5.0%)");
    assertThat(a.toMap())
        .containsEntry("verdict", "promising")
        .containsKeys("strengths", "weaknesses", "suggestions");
  }

  @Test
  void losingMoneyWithNegativeSharpeIsRejectedAndSaysWhy() {
    Assessment a =
        rules.assess(
            new AssessmentInput(
                Map.of(), training(0.50, 0.55), backtest(-2.0, -0.10, -0.05, 0.30, 3, 0.33), null),
            CancelSignal.NONE);
    assertThat(a.verdict()).isEqualTo(Verdict.REJECT);
    assertThat(a.weaknesses())
        .contains(
            "negative out-of-sample Sharpe ratio -2.000",
            "drawdown of 30.0%",
            "3 trades: too few to judge");
    assertThat(a.suggestions()).isNotEmpty();
  }

  @Test
  void inBetweenIsMixedAndAGateRejectionIsAReject() {
    assertThat(
            rules
                .assess(
                    new AssessmentInput(
                        Map.of(),
                        training(0.55, 0.52),
                        backtest(0.4, 0.02, 0.05, 0.08, 8, 0.5),
                        null),
                    CancelSignal.NONE)
                .verdict())
        .isEqualTo(Verdict.MIXED);
    Assessment gated =
        rules.assess(
            new AssessmentInput(Map.of(), training(0.05, 0.5), null, "accuracy_below_threshold"),
            CancelSignal.NONE);
    assertThat(gated.verdict()).isEqualTo(Verdict.REJECT);
    assertThat(gated.weaknesses()).contains("stopped by the accuracy_below_threshold gate");
  }

  @Test
  void theModelsVerdictIsReadAndCheckedAgainstAFakeServer() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      try (AnthropicLlmClient client =
          new AnthropicLlmClient(FakeAnthropic.settings(server.url("/").toString()))) {
        LlmAssessor llm = new LlmAssessor(client, "claude-test-1");
        AssessmentInput in =
            new AssessmentInput(
                Map.of("name", "x"),
                training(0.6, 0.5),
                backtest(1.1, 0.1, 0.02, 0.05, 10, 0.6),
                null);
        server.enqueue(
            FakeAnthropic.message(
                "{\"verdict\": \"mixed\", \"strengths\": [\"Sharpe 1.1\"],"
                    + " \"weaknesses\": [], \"suggestions\": [\"more data\"], \"summary\": \"ok\"}",
                "end_turn",
                3000,
                1500));
        Assessment a = llm.assess(in, CancelSignal.NONE);
        assertThat(a.verdict()).isEqualTo(Verdict.MIXED);
        assertThat(a.strengths()).containsExactly("Sharpe 1.1");
        assertThat(a.inputTokens()).isEqualTo(3000);
        assertThat(a.outputTokens()).isEqualTo(1500);
        assertThat(a.assessor()).isEqualTo("llm");
        assertThat(server.takeRequest().getBody().readUtf8()).contains("sharpe_ratio");

        server.enqueue(FakeAnthropic.message("{\"verdict\": \"great\"}", "end_turn", 10, 5));
        assertThatThrownBy(() -> llm.assess(in, CancelSignal.NONE))
            .isInstanceOfSatisfying(
                AssessmentException.class,
                e -> {
                  assertThat(e.getMessage())
                      .contains("verdict 'great' is not promising, mixed or reject");
                  assertThat(e.outputTokens()).isEqualTo(5);
                });
        server.enqueue(FakeAnthropic.error(500, "api_error", "boom"));
        assertThatThrownBy(() -> llm.assess(in, CancelSignal.NONE))
            .hasMessage("assessment failed: the model service failed (HTTP 500: boom)");
      }
    }
  }
}
