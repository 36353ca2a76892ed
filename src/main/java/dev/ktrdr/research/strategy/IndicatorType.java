package dev.ktrdr.research.strategy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The indicators a strategy can use, each with its parameters and the feature outputs it offers.
 * The first output is the default (a feature named only by the indicator's name uses it). Every
 * output is scale-free (a ratio to the price, or a bounded oscillator), so one model fits any price
 * level.
 */
public enum IndicatorType {
  /** Relative strength index (Wilder); output {@code value} = (RSI − 50) / 50. */
  RSI(List.of(ParamDef.integer("period", 2, 100, 14)), List.of("value")),
  /** Simple moving average; output {@code value} = close / SMA − 1. */
  SMA(List.of(ParamDef.integer("period", 2, 200, 20)), List.of("value")),
  /** Exponential moving average; output {@code value} = close / EMA − 1. */
  EMA(List.of(ParamDef.integer("period", 2, 200, 20)), List.of("value")),
  /** MACD line, its signal line and the histogram, each divided by the close. */
  MACD(
      List.of(
          ParamDef.integer("fast", 2, 50, 12),
          ParamDef.integer("slow", 3, 100, 26),
          ParamDef.integer("signal", 2, 50, 9)),
      List.of("hist", "macd", "signal")),
  /** Bollinger bands; outputs {@code percent_b} − 0.5 and {@code width} (band width / middle). */
  BOLLINGER(
      List.of(ParamDef.integer("period", 2, 200, 20), ParamDef.number("k", 0.5, 4.0, 2.0)),
      List.of("percent_b", "width")),
  /** Average true range (Wilder); output {@code value} = ATR / close. */
  ATR(List.of(ParamDef.integer("period", 2, 100, 14)), List.of("value")),
  /** The return over the last {@code lookback} bars: close / close[t − lookback] − 1. */
  RETURN(List.of(ParamDef.integer("lookback", 1, 100, 1)), List.of("value"));

  private final List<ParamDef> params;
  private final List<String> outputs;

  IndicatorType(List<ParamDef> params, List<String> outputs) {
    this.params = params;
    this.outputs = outputs;
  }

  /** The JSON name: {@code rsi}, {@code sma}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public List<ParamDef> params() {
    return params;
  }

  public List<String> outputs() {
    return outputs;
  }

  /** The output a feature that names only the indicator uses. */
  public String defaultOutput() {
    return outputs.get(0);
  }

  /**
   * How many bars the indicator needs before its values are trustworthy: the period for plain
   * windows, twice it for exponential smoothing (whose seed then weighs little).
   */
  public int warmup(Map<String, Double> p) {
    return switch (this) {
      case RSI, EMA, ATR -> 2 * p.get("period").intValue();
      case SMA, BOLLINGER -> p.get("period").intValue();
      case MACD -> 2 * p.get("slow").intValue() + p.get("signal").intValue();
      case RETURN -> p.get("lookback").intValue();
    };
  }

  /** The type with JSON name {@code name}, or null. */
  public static IndicatorType fromWire(String name) {
    for (IndicatorType t : values()) {
      if (t.wireName().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
