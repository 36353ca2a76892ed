package dev.ktrdr.research.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.Fixtures;
import dev.ktrdr.research.ResearchCancelledException;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.strategy.PositionMode;
import org.junit.jupiter.api.Test;

class BacktestEngineTest {
  private static final double C = 0.002;
  // opens and closes of six days
  private final Dataset six =
      Fixtures.openClose(
          new double[] {100, 101, 104, 110, 108, 100}, new double[] {101, 103, 109, 107, 102, 99});

  private BacktestResult run(int[] targets, PositionMode mode, double c) {
    return BacktestEngine.run(six, targets, 0, new BacktestConfig(c, mode), CancelSignal.NONE);
  }

  @Test
  void aSignalAtACloseFillsAtTheNextOpenAndPaysCommissionBothWays() {
    // long wanted after day 0 and 1, flat after day 2: buy at day 1's open 101, sell at day 3's 110
    BacktestResult r = run(new int[] {1, 1, 0, 0, 0, 0}, PositionMode.LONG_ONLY, C);
    double expected = (110 - 101) / 101.0 - C - C * 110 / 101.0;
    assertThat(r.totalTrades()).isEqualTo(1);
    assertThat(r.trades().get(0).entryPrice()).isEqualTo(101);
    assertThat(r.trades().get(0).exitPrice()).isEqualTo(110);
    assertThat(r.trades().get(0).barsHeld()).isEqualTo(2);
    assertThat(r.trades().get(0).netReturn()).isCloseTo(expected, within(1e-12));
    assertThat(r.totalReturn()).isCloseTo(expected, within(1e-12));
    assertThat(r.winRate()).isEqualTo(1.0);
    // marked to each close while held: day 1 at 103, day 2 at 109
    assertThat(r.equityCurve().get(1).equity())
        .isCloseTo(1 - C + (103 - 101) / 101.0, within(1e-12));
    assertThat(r.equityCurve().get(5).equity()).isCloseTo(1 + expected, within(1e-12));
    assertThat(r.exposure()).isCloseTo(2 / 6.0, within(1e-12));
  }

  @Test
  void longShortReversesAtTheSameOpenAndCompounds() {
    // long from day 1's open (101) to day 3's open (110), then short from 110 to the end
    BacktestResult r = run(new int[] {1, 1, -1, -1, -1, -1}, PositionMode.LONG_SHORT, C);
    double longR = (110 - 101) / 101.0 - C - C * 110 / 101.0;
    double shortR = (110 - 99) / 110.0 - C - C * 99 / 110.0; // closed at the last close, 99
    assertThat(r.trades()).extracting(Trade::direction).containsExactly("long", "short");
    assertThat(r.trades().get(1).exitReason()).isEqualTo("end_of_data");
    assertThat(r.totalReturn()).isCloseTo((1 + longR) * (1 + shortR) - 1, within(1e-12));
    assertThat(r.positionMode()).isEqualTo("long_short");
  }

  @Test
  void longOnlyIgnoresShortWishes() {
    BacktestResult r = run(new int[] {-1, -1, -1, -1, -1, -1}, PositionMode.LONG_ONLY, C);
    assertThat(r.totalTrades()).isZero();
    assertThat(r.totalReturn()).isZero();
    assertThat(r.sharpeRatio()).isZero();
    assertThat(r.maxDrawdown()).isZero();
    assertThat(r.winRate()).isZero();
  }

  @Test
  void buyAndHoldBuysTheFirstOpenAndSellsTheLastClose() {
    BacktestResult r = run(new int[6], PositionMode.LONG_ONLY, C);
    assertThat(r.buyAndHoldReturn())
        .isCloseTo((99 - 100) / 100.0 - C - C * 99 / 100.0, within(1e-12));
  }

  @Test
  void drawdownAndSharpeComeFromTheMarkedEquity() {
    // long from day 1's open to the end: equity follows the closes 103, 109, 107, 102, 99
    BacktestResult r = run(new int[] {1, 1, 1, 1, 1, 1}, PositionMode.LONG_ONLY, 0);
    double peak = 109 / 101.0;
    assertThat(r.maxDrawdown()).isCloseTo((peak - 99 / 101.0) / peak, within(1e-12));
    double[] eq = {1, 103 / 101.0, 109 / 101.0, 107 / 101.0, 102 / 101.0, 99 / 101.0};
    assertThat(r.sharpeRatio()).isCloseTo(BacktestEngine.sharpe(eq, 252), within(1e-12));
    double mean = 0;
    double[] ret = new double[6];
    double prev = 1;
    for (int i = 0; i < 6; i++) {
      ret[i] = eq[i] / prev - 1;
      prev = eq[i];
      mean += ret[i] / 6;
    }
    double var = 0;
    for (double x : ret) {
      var += (x - mean) * (x - mean) / 5;
    }
    assertThat(r.sharpeRatio()).isCloseTo(mean / Math.sqrt(var) * Math.sqrt(252), within(1e-9));
  }

  @Test
  void theResultMapHasTheSpecKeys() {
    assertThat(run(new int[] {1, 0, 1, 0, 1, 0}, PositionMode.LONG_ONLY, C).toMap())
        .containsKeys(
            "sharpe_ratio",
            "win_rate",
            "max_drawdown",
            "total_return",
            "total_trades",
            "buy_and_hold_return",
            "equity_curve",
            "trades");
  }

  @Test
  void aCancelStopsTheRun() {
    assertThatThrownBy(
            () ->
                BacktestEngine.run(
                    six, new int[] {1, 1, 1, 1, 1, 1}, 0, BacktestConfig.defaults(), () -> true))
        .isInstanceOf(ResearchCancelledException.class);
  }

  @Test
  void badInputIsRefusedInWords() {
    assertThatThrownBy(() -> new BacktestConfig(0.5, PositionMode.LONG_ONLY))
        .hasMessageContaining("commission must be a fraction");
    assertThatThrownBy(
            () ->
                BacktestEngine.run(
                    six, new int[6], 5, BacktestConfig.defaults(), CancelSignal.NONE))
        .hasMessageContaining("at least two bars");
  }
}
