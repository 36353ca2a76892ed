package dev.ktrdr.research.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.Fixtures;
import dev.ktrdr.research.data.BundledDatasets;
import dev.ktrdr.research.data.Dataset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManualBacktestTest {
  @Test
  void smaCrossTradesTheCrossingsByHand() {
    // closes 10,10,10,12,14,13,11,9,9,9 with fast 1 (the close itself) and slow 3
    Dataset d = Fixtures.daily(10, 10, 10, 12, 14, 13, 11, 9, 9, 9);
    BacktestResult r =
        ManualBacktest.run(
            d, "sma_cross", Map.of("fast", "1", "slow", "3"), false, 0, CancelSignal.NONE);
    // sma3 from bar 2: 10, 10.67, 12, 13, 12.67, 11, 9.67, 9 → close above it on bars 3,4,5
    // → long from bar 4's open (12) to bar 7's open (11)
    assertThat(r.totalTrades()).isEqualTo(1);
    assertThat(r.trades().get(0).entryPrice()).isEqualTo(12);
    assertThat(r.trades().get(0).exitPrice()).isEqualTo(11);
    assertThat(r.totalReturn()).isCloseTo(11 / 12.0 - 1, within(1e-12));
  }

  @Test
  void everyNamedStrategyRunsOnRealData() {
    Dataset aapl = BundledDatasets.find("aapl-1d").orElseThrow();
    for (RuleStrategy s : RuleStrategy.values()) {
      BacktestResult r =
          ManualBacktest.run(aapl, s.wireName(), Map.of(), true, 0.002, CancelSignal.NONE);
      assertThat(r.bars()).isEqualTo(252);
      assertThat(r.totalTrades()).as(s.wireName()).isPositive();
    }
  }

  @Test
  void badRequestsAreRefusedInWords() {
    Dataset d = Fixtures.daily(1, 2, 3, 4);
    assertThatThrownBy(() -> ManualBacktest.run(d, "magic", Map.of(), false, 0, CancelSignal.NONE))
        .hasMessage(
            "unknown strategy 'magic' (known: sma_cross, ema_cross, rsi_reversion, bollinger_reversion)");
    assertThatThrownBy(
            () ->
                ManualBacktest.run(
                    d, "sma_cross", Map.of("fats", "3"), false, 0, CancelSignal.NONE))
        .hasMessage("strategy sma_cross has no parameter 'fats' (it has fast, slow)");
    assertThatThrownBy(
            () ->
                ManualBacktest.run(
                    d, "sma_cross", Map.of("fast", "x"), false, 0, CancelSignal.NONE))
        .hasMessage("parameter fast must be a number, got 'x'");
    assertThatThrownBy(
            () ->
                ManualBacktest.run(
                    d,
                    "sma_cross",
                    Map.of("fast", "30", "slow", "20"),
                    false,
                    0,
                    CancelSignal.NONE))
        .hasMessage("fast must be smaller than slow");
    assertThatThrownBy(
            () ->
                ManualBacktest.run(
                    d, "sma_cross", Map.of("fast", "2.5"), false, 0, CancelSignal.NONE))
        .hasMessage("fast must be a whole number from 1 to 1000, got 2.5");
  }
}
