package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.workers.stub.FaultInjection;
import dev.ktrdr.workers.stub.FaultInjection.Stage;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gates, concurrency limit, model prices and fault markers: the small rules of SPEC §3–§6. */
class RulesTest {
  @Test
  void concurrencyLimitFormula() {
    assertThat(ConcurrencyLimit.of(10, 2, 3, 1)).isEqualTo(10);
    assertThat(ConcurrencyLimit.of(0, 2, 3, 1)).isEqualTo(6);
    assertThat(ConcurrencyLimit.of(0, 0, 0, 0)).isEqualTo(1);
  }

  @Test
  void trainingGate() {
    assertThat(Gates.training(Map.of("accuracy", 0.7, "final_loss", 0.3, "initial_loss", 0.9)))
        .isEmpty();
    assertThat(
            Gates.training(Map.of("accuracy", 0.09, "final_loss", 0.3, "initial_loss", 0.9))
                .orElseThrow()
                .toMap())
        .containsEntry("reason", "accuracy_below_threshold");
    assertThat(
            Gates.training(Map.of("accuracy", 0.5, "final_loss", 0.81, "initial_loss", 0.9))
                .orElseThrow()
                .toMap())
        .containsEntry("reason", "loss_too_high");
    assertThat(
            Gates.training(Map.of("accuracy", 0.5, "final_loss", 0.6, "initial_loss", 0.3))
                .orElseThrow()
                .toMap())
        .containsEntry("reason", "insufficient_loss_decrease");
    assertThat(Gates.training(Map.of("accuracy", 0.10, "final_loss", 0.8, "initial_loss", 0.8)))
        .as("thresholds themselves pass")
        .isEmpty();
  }

  @Test
  void backtestGate() {
    Map<String, Object> good = Map.of("win_rate", 0.5, "max_drawdown", 0.2, "sharpe_ratio", 1.0);
    assertThat(Gates.backtest(good)).isEmpty();
    assertThat(
            Gates.backtest(Map.of("win_rate", 0.05, "max_drawdown", 0.2, "sharpe_ratio", 1.0))
                .orElseThrow()
                .toMap())
        .containsEntry("reason", "win_rate_too_low");
    assertThat(
            Gates.backtest(Map.of("win_rate", 0.5, "max_drawdown", 0.41, "sharpe_ratio", 1.0))
                .orElseThrow()
                .toMap())
        .containsEntry("reason", "drawdown_too_high");
    assertThat(
            Gates.backtest(Map.of("win_rate", 0.5, "max_drawdown", 0.2, "sharpe_ratio", -0.6))
                .orElseThrow()
                .toMap())
        .containsEntry("reason", "sharpe_too_low");
  }

  @Test
  void modelAliasesAndPrices() {
    assertThat(Model.resolve("opus")).contains(Model.OPUS);
    assertThat(Model.resolve("HAIKU")).contains(Model.HAIKU);
    assertThat(Model.resolve(Model.SONNET.id())).contains(Model.SONNET);
    assertThat(Model.resolve("gpt-4")).isEmpty();
    assertThat(Model.SONNET.cost(2500, 1800)).isEqualByComparingTo(new BigDecimal("0.0345"));
    assertThat(Model.OPUS.cost(1_000_000, 1_000_000)).isEqualByComparingTo(new BigDecimal("30"));
    assertThat(Model.HAIKU.cost(3000, 1500)).isEqualByComparingTo(new BigDecimal("0.0105"));
  }

  @Test
  void faultMarkers() {
    assertThat(FaultInjection.failsAt("x INJECT_FAILURE", Stage.DESIGN)).isTrue();
    assertThat(FaultInjection.failsAt("x INJECT_FAILURE", Stage.TRAINING)).isFalse();
    assertThat(FaultInjection.failsAt("INJECT_FAILURE:backtest", Stage.BACKTEST)).isTrue();
    assertThat(FaultInjection.failsAt("INJECT_FAILURE:backtest", Stage.DESIGN)).isFalse();
    assertThat(FaultInjection.failsAt("INJECT_FAILURE:assessment", Stage.ASSESSMENT)).isTrue();
    assertThat(FaultInjection.failsGate("INJECT_GATE_FAIL:training", Stage.TRAINING)).isTrue();
    assertThat(FaultInjection.failsGate("INJECT_GATE_FAIL:training", Stage.BACKTEST)).isFalse();
    assertThat(FaultInjection.failsAt(null, Stage.DESIGN)).isFalse();
  }
}
