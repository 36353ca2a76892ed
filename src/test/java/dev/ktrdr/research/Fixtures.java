package dev.ktrdr.research;

import dev.ktrdr.research.data.Bar;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.data.Timeframe;
import dev.ktrdr.research.strategy.IndicatorSpec;
import dev.ktrdr.research.strategy.IndicatorType;
import dev.ktrdr.research.strategy.ModelSpec;
import dev.ktrdr.research.strategy.PositionMode;
import dev.ktrdr.research.strategy.RulesSpec;
import dev.ktrdr.research.strategy.StrategySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small hand-made series and specs for the research tests. */
public final class Fixtures {
  private Fixtures() {}

  /** Daily bars with these closes; open = close of the bar before (the first: its close). */
  public static Dataset daily(double... closes) {
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < closes.length; i++) {
      double open = i == 0 ? closes[0] : closes[i - 1];
      bars.add(
          new Bar(
              Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86400L * i),
              open,
              Math.max(open, closes[i]) + 1,
              Math.min(open, closes[i]) - 1,
              closes[i],
              100));
    }
    return new Dataset("hand", "HAND", Timeframe.parse("1d"), "test", bars);
  }

  /** Daily bars with explicit opens and closes. */
  public static Dataset openClose(double[] opens, double[] closes) {
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < closes.length; i++) {
      bars.add(
          new Bar(
              Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86400L * i),
              opens[i],
              Math.max(opens[i], closes[i]),
              Math.min(opens[i], closes[i]),
              closes[i],
              100));
    }
    return new Dataset("hand", "HAND", Timeframe.parse("1d"), "test", bars);
  }

  /** A spec using every indicator type, logistic regression, on {@code dataset}. */
  public static StrategySpec everyIndicator(String dataset, long seed, int epochs) {
    return new StrategySpec(
        StrategySpec.VERSION,
        "all_indicators",
        dataset,
        List.of(
            IndicatorSpec.of("rsi", IndicatorType.RSI, Map.of("period", 9)),
            IndicatorSpec.of("sma", IndicatorType.SMA, Map.of("period", 10)),
            IndicatorSpec.of("ema", IndicatorType.EMA, Map.of("period", 12)),
            IndicatorSpec.of(
                "macd", IndicatorType.MACD, Map.of("fast", 5, "slow", 13, "signal", 4)),
            IndicatorSpec.of("bb", IndicatorType.BOLLINGER, Map.of("period", 14, "k", 2.0)),
            IndicatorSpec.of("atr", IndicatorType.ATR, Map.of("period", 7)),
            IndicatorSpec.of("ret", IndicatorType.RETURN, Map.of("lookback", 3))),
        List.of(
            "rsi",
            "sma",
            "ema",
            "macd.hist",
            "macd.macd",
            "macd.signal",
            "bb.percent_b",
            "bb.width",
            "atr",
            "ret"),
        3,
        ModelSpec.logistic(epochs),
        new RulesSpec(0.55, 0.45),
        PositionMode.LONG_ONLY,
        0.7,
        seed);
  }
}
