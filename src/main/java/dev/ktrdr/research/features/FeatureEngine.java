package dev.ktrdr.research.features;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.data.Bar;
import dev.ktrdr.research.data.Timeframe;
import dev.ktrdr.research.strategy.IndicatorSpec;
import dev.ktrdr.research.strategy.StrategySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandWidthIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.Num;

/**
 * Computes a strategy's features with ta4j's indicators. Every value at bar {@code t} depends on
 * bars {@code 0..t} only (ta4j's indicators look back, never ahead; a test checks it by computing
 * on a prefix and on the whole series).
 */
public final class FeatureEngine {
  private static final int CANCEL_CHECK_EVERY = 256;

  private FeatureEngine() {}

  /**
   * The features of {@code spec} for every bar.
   *
   * @throws dev.ktrdr.research.ResearchCancelledException if {@code cancel} is raised
   */
  public static FeatureMatrix compute(
      List<Bar> bars, Timeframe timeframe, StrategySpec spec, CancelSignal cancel) {
    BarSeries series = BarSeriesAdapter.toSeries(spec.dataset(), bars, timeframe);
    List<StrategySpec.FeatureRef> refs = spec.featureRefs();
    List<IntToDoubleFunction> columns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (StrategySpec.FeatureRef r : refs) {
      columns.add(column(series, r.indicator(), r.output()));
      names.add(r.name());
    }
    int n = bars.size();
    double[][] values = new double[n][columns.size()];
    // Bar by bar from the start: ta4j's recursive indicators then find their previous value
    // cached instead of recursing thousands of frames deep.
    for (int t = 0; t < n; t++) {
      if (t % CANCEL_CHECK_EVERY == 0) {
        cancel.check();
      }
      for (int f = 0; f < columns.size(); f++) {
        double v = columns.get(f).applyAsDouble(t);
        values[t][f] = Double.isFinite(v) ? v : 0.0; // a flat window divides by zero: no signal
      }
    }
    return new FeatureMatrix(names, values, spec.warmup());
  }

  /** One feature output of one indicator, as a function of the bar index. */
  static IntToDoubleFunction column(BarSeries series, IndicatorSpec ind, String output) {
    ClosePriceIndicator close = new ClosePriceIndicator(series);
    switch (ind.type()) {
      case RSI -> {
        RSIIndicator rsi = new RSIIndicator(close, ind.intParam("period"));
        return t -> (v(rsi, t) - 50) / 50;
      }
      case SMA -> {
        SMAIndicator sma = new SMAIndicator(close, ind.intParam("period"));
        return t -> v(close, t) / v(sma, t) - 1;
      }
      case EMA -> {
        EMAIndicator ema = new EMAIndicator(close, ind.intParam("period"));
        return t -> v(close, t) / v(ema, t) - 1;
      }
      case MACD -> {
        MACDIndicator macd = new MACDIndicator(close, ind.intParam("fast"), ind.intParam("slow"));
        EMAIndicator signal = new EMAIndicator(macd, ind.intParam("signal"));
        return switch (output) {
          case "macd" -> t -> v(macd, t) / v(close, t);
          case "signal" -> t -> v(signal, t) / v(close, t);
          default -> t -> (v(macd, t) - v(signal, t)) / v(close, t);
        };
      }
      case BOLLINGER -> {
        int period = ind.intParam("period");
        double k = ind.param("k");
        if (output.equals("width")) {
          BollingerBandsMiddleIndicator mid =
              new BollingerBandsMiddleIndicator(new SMAIndicator(close, period));
          StandardDeviationIndicator sd = new StandardDeviationIndicator(close, period);
          BollingerBandsUpperIndicator up =
              new BollingerBandsUpperIndicator(mid, sd, series.numOf(k));
          BollingerBandsLowerIndicator low =
              new BollingerBandsLowerIndicator(mid, sd, series.numOf(k));
          BollingerBandWidthIndicator width = new BollingerBandWidthIndicator(up, mid, low);
          return t -> v(width, t) / 100; // ta4j gives the width in percent
        }
        PercentBIndicator pb = new PercentBIndicator(close, period, k);
        return t -> v(pb, t) - 0.5;
      }
      case ATR -> {
        ATRIndicator atr = new ATRIndicator(series, ind.intParam("period"));
        return t -> v(atr, t) / v(close, t);
      }
      case RETURN -> {
        int lookback = ind.intParam("lookback");
        return t -> t < lookback ? 0.0 : v(close, t) / v(close, t - lookback) - 1;
      }
      default -> throw new IllegalStateException("unknown indicator " + ind.type());
    }
  }

  private static double v(Indicator<Num> indicator, int t) {
    return indicator.getValue(t).doubleValue();
  }
}
