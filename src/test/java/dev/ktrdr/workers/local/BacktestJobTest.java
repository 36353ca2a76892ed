package dev.ktrdr.workers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.ResearchCancelledException;
import dev.ktrdr.research.backtest.BacktestConfig;
import dev.ktrdr.research.model.FittedModel;
import dev.ktrdr.research.model.ModelTrainer;
import dev.ktrdr.research.model.TrainingListener;
import dev.ktrdr.research.strategy.StrategySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestJobTest {
  private static final StrategySpec SPEC = Specs.spec("RSI", 11);
  private static final FittedModel MODEL =
      ModelTrainer.train(Specs.dataset(), SPEC, CancelSignal.NONE, TrainingListener.NONE).model();

  @Test
  @SuppressWarnings("unchecked")
  void tradesTheOutOfSamplePartAndReturnsTheResult() {
    List<Integer> percents = new ArrayList<>();
    Map<String, Object> r =
        BacktestJob.run(
            Specs.dataset(),
            SPEC,
            MODEL,
            BacktestConfig.DEFAULT_COMMISSION,
            CancelSignal.NONE,
            (pct, step) -> percents.add(pct));
    assertThat(percents).containsExactly(10, 100);
    assertThat(r)
        .containsKeys(
            "sharpe_ratio",
            "win_rate",
            "max_drawdown",
            "total_return",
            "total_trades",
            "buy_and_hold_return",
            "equity_curve",
            "trades")
        .containsEntry("commission", BacktestConfig.DEFAULT_COMMISSION);
    int outOfSample = Specs.dataset().size() - (int) Math.floor(Specs.dataset().size() * 0.7);
    assertThat(((Number) r.get("bars")).intValue()).isBetween(outOfSample - 1, outOfSample + 1);
    assertThat((List<Object>) r.get("trades")).hasSize(((Number) r.get("total_trades")).intValue());
    assertThat(r).doesNotContainKey("trades_omitted");
  }

  @Test
  @SuppressWarnings("unchecked")
  void keepsTheFirstTradesOnlyAndSaysHowManyWereLeftOut() {
    List<Object> trades = new ArrayList<>();
    for (int i = 0; i < BacktestJob.MAX_TRADES + 35; i++) {
      trades.add(Map.of("n", i));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("total_trades", trades.size());
    result.put("trades", trades);
    Map<String, Object> capped = BacktestJob.capTrades(result);
    List<Object> kept = (List<Object>) capped.get("trades");
    assertThat(kept).hasSize(BacktestJob.MAX_TRADES);
    assertThat(kept.get(0)).isEqualTo(Map.of("n", 0));
    assertThat(kept.get(BacktestJob.MAX_TRADES - 1)).isEqualTo(Map.of("n", 199));
    assertThat(capped).containsEntry("trades_omitted", 35).containsEntry("total_trades", 235);
  }

  @Test
  void aCancelPartWayStopsIt() {
    int[] looks = {0};
    assertThatThrownBy(
            () ->
                BacktestJob.run(
                    Specs.dataset(),
                    SPEC,
                    MODEL,
                    BacktestConfig.DEFAULT_COMMISSION,
                    Specs.raisedAfter(3, looks),
                    JobProgress.NONE))
        .isInstanceOf(ResearchCancelledException.class);
    assertThat(looks[0]).isEqualTo(3);
  }
}
