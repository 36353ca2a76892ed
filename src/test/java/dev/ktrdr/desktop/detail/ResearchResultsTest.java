package dev.ktrdr.desktop.detail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the Charts tab reads from a research and its children, and what it says when empty. */
class ResearchResultsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Operation research(OperationStatus status, String error, Map<String, Object> p) {
    return new Operation(
        "op_r", null, OperationType.AGENT_RESEARCH, status, T0, T0, null, 0, null, p, error, null);
  }

  private static Operation child(
      String id, OperationType type, OperationStatus status, int secs, Map<String, Object> res) {
    return new Operation(
        id, "op_r", type, status, T0.plusSeconds(secs), T0, null, 40, null, Map.of(), null, res);
  }

  private static Map<String, Object> spec() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", "rsi_reversion");
    s.put("dataset", "aapl-1d");
    s.put("indicators", List.of(Map.of("type", "rsi", "period", 14)));
    s.put("features", List.of("rsi_14", "sma_20"));
    s.put("model", Map.of("type", "logistic"));
    return s;
  }

  @Test
  void aFinishedResearchGivesItsSpecLossEquityAndTrades() {
    Map<String, Object> bt = new LinkedHashMap<>();
    bt.put(
        "equity_curve",
        List.of(
            Map.of("time", "2013-09-01T00:00:00Z", "equity", 1.0, "buy_and_hold", 1.0),
            Map.of("time", "2013-09-02T00:00:00Z", "equity", 1.05, "buy_and_hold", 0.98)));
    Map<String, Object> trade = new LinkedHashMap<>();
    trade.put("direction", "long");
    trade.put("entry_time", "2013-09-01T00:00:00Z");
    trade.put("entry_price", 60.5);
    trade.put("exit_time", "2013-09-02T00:00:00Z");
    trade.put("exit_price", 63.0);
    trade.put("return", 0.037);
    trade.put("bars_held", 1);
    trade.put("exit_reason", "signal");
    bt.put("trades", List.of(trade));
    ResearchResults r =
        ResearchResults.of(
            research(
                OperationStatus.COMPLETED, null, Map.of("strategy_spec", spec(), "phase", "idle")),
            List.of(
                child(
                    "op_t",
                    OperationType.TRAINING,
                    OperationStatus.COMPLETED,
                    1,
                    Map.of("loss_curve", List.of(0.69, 0.66, 0.65))),
                child("op_b", OperationType.BACKTESTING, OperationStatus.COMPLETED, 2, bt)));

    assertThat(r.lossCurve()).containsExactly(0.69, 0.66, 0.65);
    assertThat(r.equity())
        .containsExactly(
            new ResearchResults.EquityRow("2013-09-01T00:00:00Z", 1.0, 1.0),
            new ResearchResults.EquityRow("2013-09-02T00:00:00Z", 1.05, 0.98));
    assertThat(r.trades()).hasSize(1);
    assertThat(r.trades().get(0).netReturn()).isEqualTo(0.037);
    assertThat(r.trades().get(0).barsHeld()).isEqualTo(1);
    assertThat(r.spec())
        .contains("name: rsi_reversion")
        .contains("indicators:\n  - ")
        .contains("period: 14")
        .contains("features: [rsi_14, sma_20]")
        .contains("model:\n  type: logistic");
    assertThat(r.specNote()).isNull();
    assertThat(r.lossNote()).isNull();
    assertThat(r.equityNote()).isNull();
    // Read twice from the same snapshots: equal, so the charts are not rebuilt.
    assertThat(r)
        .isEqualTo(
            ResearchResults.of(
                research(
                    OperationStatus.COMPLETED,
                    null,
                    Map.of("strategy_spec", spec(), "phase", "idle")),
                List.of(
                    child(
                        "op_t",
                        OperationType.TRAINING,
                        OperationStatus.COMPLETED,
                        1,
                        Map.of("loss_curve", List.of(0.69, 0.66, 0.65))),
                    child("op_b", OperationType.BACKTESTING, OperationStatus.COMPLETED, 2, bt))));
  }

  @Test
  void aRunningPhaseSaysSoAndItsUnfinishedResultIsNotShown() {
    ResearchResults r =
        ResearchResults.of(
            research(OperationStatus.RUNNING, null, Map.of("strategy_spec", spec())),
            List.of(
                child(
                    "op_t",
                    OperationType.TRAINING,
                    OperationStatus.RUNNING,
                    1,
                    Map.of("loss_curve", List.of(0.7)))));
    assertThat(r.spec()).isNotNull();
    assertThat(r.lossCurve()).isEmpty();
    assertThat(r.lossNote()).startsWith("Running (40%)");
    assertThat(r.equityNote()).isEqualTo("No equity curve: the backtest has not run.");
  }

  @Test
  void aCancelledOrFailedResearchSaysWhyThereIsNothing() {
    ResearchResults cancelled =
        ResearchResults.of(
            research(OperationStatus.CANCELLED, "Cancelled by user", Map.of()),
            List.of(child("op_t", OperationType.TRAINING, OperationStatus.CANCELLED, 1, null)));
    assertThat(cancelled.lossNote()).isEqualTo("None: the research was cancelled.");
    assertThat(cancelled.specNote()).isEqualTo("None: the research was cancelled.");
    assertThat(cancelled.equityNote()).isEqualTo("None: the research was cancelled.");

    ResearchResults failed =
        ResearchResults.of(research(OperationStatus.FAILED, "no bars", Map.of()), List.of());
    assertThat(failed.equityNote()).isEqualTo("None: the research failed: no bars");
  }

  @Test
  void theNewestChildOfATypeWins() {
    ResearchResults r =
        ResearchResults.of(
            research(OperationStatus.RUNNING, null, Map.of()),
            List.of(
                child(
                    "op_old",
                    OperationType.TRAINING,
                    OperationStatus.COMPLETED,
                    1,
                    Map.of("loss_curve", List.of(1.0))),
                child(
                    "op_new",
                    OperationType.TRAINING,
                    OperationStatus.COMPLETED,
                    5,
                    Map.of("loss_curve", List.of(2.0, 1.5)))));
    assertThat(r.lossCurve()).containsExactly(2.0, 1.5);
  }

  @Test
  void nothingSelectedIsNone() {
    assertThat(ResearchResults.of(null, List.of())).isSameAs(ResearchResults.NONE);
  }
}
