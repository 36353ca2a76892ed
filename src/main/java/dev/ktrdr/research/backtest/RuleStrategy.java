package dev.ktrdr.research.backtest;

import dev.ktrdr.research.strategy.PositionMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.Num;

/**
 * The named rule-based strategies of "one backtest by hand" ({@code ktrdr backtest --strategy NAME
 * --param k=v}). Each turns bars into wanted positions; no signal is given before its indicators
 * have a full window.
 */
public enum RuleStrategy {
  /** Long while the fast SMA is above the slow one; short below it in long-short mode. */
  SMA_CROSS(
      "fast SMA above slow SMA: long; below: flat (or short)",
      List.of(p("fast", 10), p("slow", 30))),
  /** As {@link #SMA_CROSS} with exponential averages. */
  EMA_CROSS(
      "fast EMA above slow EMA: long; below: flat (or short)",
      List.of(p("fast", 12), p("slow", 26))),
  /** Buy when RSI falls below {@code lower}, sell when it rises above {@code upper}. */
  RSI_REVERSION(
      "RSI below lower: long; above upper: flat (or short)",
      List.of(p("period", 14), p("lower", 30), p("upper", 70))),
  /** Buy below the lower band, exit at the middle; short above the upper band (long-short). */
  BOLLINGER_REVERSION(
      "close below the lower band: long until the middle; above the upper band: short until the"
          + " middle (long-short)",
      List.of(p("period", 20), p("k", 2)));

  private final String description;
  private final List<Param> params;

  RuleStrategy(String description, List<Param> params) {
    this.description = description;
    this.params = params;
  }

  /** A parameter and its default. */
  public record Param(String name, double defaultValue) {}

  private static Param p(String name, double defaultValue) {
    return new Param(name, defaultValue);
  }

  /** The command-line name: {@code sma_cross}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }

  public List<Param> params() {
    return params;
  }

  /** The strategy called {@code name}, or null. */
  public static RuleStrategy fromWire(String name) {
    for (RuleStrategy s : values()) {
      if (s.wireName().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** Defaults overlaid with {@code given}; checks names, whole numbers and orderings. */
  Map<String, Double> resolve(Map<String, Double> given) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Param q : params) {
      out.put(q.name(), q.defaultValue());
    }
    for (Map.Entry<String, Double> e : given.entrySet()) {
      if (!out.containsKey(e.getKey())) {
        throw new IllegalArgumentException(
            "strategy "
                + wireName()
                + " has no parameter '"
                + e.getKey()
                + "' (it has "
                + String.join(", ", out.keySet())
                + ")");
      }
      out.put(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Double> e : out.entrySet()) {
      boolean whole =
          !e.getKey().equals("k") && !e.getKey().equals("lower") && !e.getKey().equals("upper");
      double v = e.getValue();
      if (whole && (v != Math.rint(v) || v < 1 || v > 1000)) {
        throw new IllegalArgumentException(
            e.getKey() + " must be a whole number from 1 to 1000, got " + fmt(v));
      }
      if (!whole && !(v > 0 && v <= 100)) {
        throw new IllegalArgumentException(
            e.getKey() + " must be above 0 and at most 100, got " + fmt(v));
      }
    }
    if (out.containsKey("fast") && out.get("fast") >= out.get("slow")) {
      throw new IllegalArgumentException("fast must be smaller than slow");
    }
    if (out.containsKey("lower") && out.get("lower") >= out.get("upper")) {
      throw new IllegalArgumentException("lower must be smaller than upper");
    }
    return out;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** Wanted positions per bar (see {@link BacktestEngine}). */
  int[] targets(BarSeries series, Map<String, Double> p, PositionMode mode) {
    int n = series.getBarCount();
    int[] out = new int[n];
    int down = mode == PositionMode.LONG_SHORT ? -1 : 0;
    ClosePriceIndicator close = new ClosePriceIndicator(series);
    switch (this) {
      case SMA_CROSS, EMA_CROSS -> {
        int fast = p.get("fast").intValue();
        int slow = p.get("slow").intValue();
        Indicator<Num> f =
            this == SMA_CROSS ? new SMAIndicator(close, fast) : new EMAIndicator(close, fast);
        Indicator<Num> s =
            this == SMA_CROSS ? new SMAIndicator(close, slow) : new EMAIndicator(close, slow);
        for (int t = 0; t < n; t++) {
          double a = f.getValue(t).doubleValue();
          double b = s.getValue(t).doubleValue();
          out[t] = t < slow - 1 ? 0 : (a > b ? 1 : a < b ? down : (t == 0 ? 0 : out[t - 1]));
        }
      }
      case RSI_REVERSION -> {
        int period = p.get("period").intValue();
        RSIIndicator rsi = new RSIIndicator(close, period);
        int pos = 0;
        for (int t = 0; t < n; t++) {
          double r = rsi.getValue(t).doubleValue();
          if (t >= period) {
            if (r < p.get("lower")) {
              pos = 1;
            } else if (r > p.get("upper")) {
              pos = down;
            }
          }
          out[t] = pos;
        }
      }
      case BOLLINGER_REVERSION -> {
        int period = p.get("period").intValue();
        BollingerBandsMiddleIndicator mid =
            new BollingerBandsMiddleIndicator(new SMAIndicator(close, period));
        StandardDeviationIndicator sd = new StandardDeviationIndicator(close, period);
        Num k = series.numOf(p.get("k"));
        BollingerBandsUpperIndicator up = new BollingerBandsUpperIndicator(mid, sd, k);
        BollingerBandsLowerIndicator low = new BollingerBandsLowerIndicator(mid, sd, k);
        int pos = 0;
        for (int t = 0; t < n; t++) {
          double c = close.getValue(t).doubleValue();
          double m = mid.getValue(t).doubleValue();
          if (t >= period - 1) {
            if (c < low.getValue(t).doubleValue()) {
              pos = 1;
            } else if (c > up.getValue(t).doubleValue()) {
              pos = down;
            } else if ((pos == 1 && c >= m) || (pos == -1 && c <= m)) {
              pos = 0;
            }
          }
          out[t] = pos;
        }
      }
      default -> throw new IllegalStateException();
    }
    return out;
  }
}
