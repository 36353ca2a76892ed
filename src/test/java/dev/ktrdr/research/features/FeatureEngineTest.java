package dev.ktrdr.research.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.Fixtures;
import dev.ktrdr.research.ResearchCancelledException;
import dev.ktrdr.research.data.BundledDatasets;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.strategy.IndicatorSpec;
import dev.ktrdr.research.strategy.IndicatorType;
import dev.ktrdr.research.strategy.StrategySpec;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;

class FeatureEngineTest {
  // closes 10, 11, 12, 11, 13; each bar opens at the close before, high/low one above/below
  private final Dataset hand = Fixtures.daily(10, 11, 12, 11, 13);
  private final BarSeries series = BarSeriesAdapter.toSeries("hand", hand.bars(), hand.timeframe());

  private double at4(IndicatorType type, Map<String, ? extends Number> params, String output) {
    return FeatureEngine.column(series, IndicatorSpec.of("x", type, params), output)
        .applyAsDouble(4);
  }

  @Test
  void smaIsTheMeanOfTheWindow() {
    // SMA(3) at bar 4 = (12 + 11 + 13) / 3 = 12
    assertThat(at4(IndicatorType.SMA, Map.of("period", 3), "value"))
        .isCloseTo(13.0 / 12 - 1, within(1e-12));
  }

  @Test
  void emaStartsAtTheFirstCloseAndHalvesTheDistanceForPeriodThree() {
    // k = 2 / (3 + 1) = 0.5: 10, 10.5, 11.25, 11.125, 12.0625
    assertThat(at4(IndicatorType.EMA, Map.of("period", 3), "value"))
        .isCloseTo(13 / 12.0625 - 1, within(1e-12));
  }

  @Test
  void rsiUsesWildersSmoothing() {
    // gains 0,1,1,0,2 and losses 0,0,0,1,0 smoothed with 1/3 from 0:
    // gain 0, 1/3, 5/9, 10/27, 74/81; loss 0, 0, 0, 1/3, 2/9 → RS = 37/9, RSI = 100 − 100 / (1 +
    // RS)
    double rsi = 100 - 100 / (1 + (74.0 / 81) / (2.0 / 9));
    assertThat(at4(IndicatorType.RSI, Map.of("period", 3), "value"))
        .isCloseTo((rsi - 50) / 50, within(1e-9));
  }

  @Test
  void atrSmoothsTheTrueRange() {
    // true ranges 2, 3, 3, 3, 4 (bar 0 has no close before it: high − low), smoothed with 1/3
    // from the first: 2, 7/3, 23/9, 73/27, 254/81
    assertThat(at4(IndicatorType.ATR, Map.of("period", 3), "value"))
        .isCloseTo((254.0 / 81) / 13, within(1e-9));
  }

  @Test
  void bollingerPercentBAndWidthUseThePopulationDeviation() {
    double sd = Math.sqrt(2.0 / 3); // of 12, 11, 13 around 12
    double upper = 12 + 2 * sd;
    double lower = 12 - 2 * sd;
    assertThat(at4(IndicatorType.BOLLINGER, Map.of("period", 3, "k", 2.0), "percent_b"))
        .isCloseTo((13 - lower) / (upper - lower) - 0.5, within(1e-9));
    assertThat(at4(IndicatorType.BOLLINGER, Map.of("period", 3, "k", 2.0), "width"))
        .isCloseTo((upper - lower) / 12, within(1e-9));
  }

  @Test
  void macdIsTheDifferenceOfTwoEmasAndItsSignalAnEmaOfThat() {
    double[] closes = {10, 11, 12, 11, 13};
    double[] fast = ema(closes, 2);
    double[] slow = ema(closes, 3);
    double[] macd = new double[5];
    for (int i = 0; i < 5; i++) {
      macd[i] = fast[i] - slow[i];
    }
    double[] signal = ema(macd, 2);
    Map<String, Integer> p = Map.of("fast", 2, "slow", 3, "signal", 2);
    assertThat(at4(IndicatorType.MACD, p, "macd")).isCloseTo(macd[4] / 13, within(1e-12));
    assertThat(at4(IndicatorType.MACD, p, "signal")).isCloseTo(signal[4] / 13, within(1e-12));
    assertThat(at4(IndicatorType.MACD, p, "hist"))
        .isCloseTo((macd[4] - signal[4]) / 13, within(1e-12));
  }

  @Test
  void returnLooksBackTheGivenBars() {
    assertThat(at4(IndicatorType.RETURN, Map.of("lookback", 2), "value"))
        .isCloseTo(13.0 / 12 - 1, within(1e-12));
  }

  private static double[] ema(double[] x, int n) {
    double k = 2.0 / (n + 1);
    double[] e = new double[x.length];
    e[0] = x[0];
    for (int i = 1; i < x.length; i++) {
      e[i] = e[i - 1] + k * (x[i] - e[i - 1]);
    }
    return e;
  }

  @Test
  void noFeatureAtBarTReadsBarTPlusOne() {
    Dataset btc = BundledDatasets.find("btcusd-5m").orElseThrow().slice(0, 400);
    StrategySpec spec = Fixtures.everyIndicator(btc.id(), 1, 1);
    FeatureMatrix whole =
        FeatureEngine.compute(btc.bars(), btc.timeframe(), spec, CancelSignal.NONE);
    for (int prefix : List.of(1, 2, 17, 60, 133, 399)) {
      FeatureMatrix part =
          FeatureEngine.compute(
              btc.bars().subList(0, prefix), btc.timeframe(), spec, CancelSignal.NONE);
      for (int t = 0; t < prefix; t++) {
        // equal but for floating-point rounding (ta4j does not cache a series' last value, so
        // it may sum in another order); reading bar t + 1 would change a value by far more
        assertThat(part.row(t))
            .as("bar %d with %d bars known", t, prefix)
            .containsExactly(whole.row(t), within(1e-12));
      }
    }
  }

  @Test
  void everyValueIsFiniteAndTheWarmUpCoversTheLongestIndicator() {
    Dataset flat = Fixtures.daily(new double[60]); // closes all 0 + high/low ±1: ratios divide by 0
    StrategySpec spec = Fixtures.everyIndicator(flat.id(), 1, 1);
    FeatureMatrix m = FeatureEngine.compute(flat.bars(), flat.timeframe(), spec, CancelSignal.NONE);
    for (double[] row : m.values()) {
      for (double v : row) {
        assertThat(v).isFinite();
      }
    }
    assertThat(m.warmup()).isEqualTo(2 * 13 + 4); // MACD(5, 13, 4)
  }

  @Test
  void computingStopsWhenCancelled() {
    Dataset btc = BundledDatasets.find("btcusd-5m").orElseThrow();
    StrategySpec spec = Fixtures.everyIndicator(btc.id(), 1, 1);
    Assertions.assertThatThrownBy(
            () -> FeatureEngine.compute(btc.bars(), btc.timeframe(), spec, () -> true))
        .isInstanceOf(ResearchCancelledException.class);
  }
}
