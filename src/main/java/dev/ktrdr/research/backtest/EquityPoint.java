package dev.ktrdr.research.backtest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Equity at one bar's close, as a multiple of the starting capital, for the strategy and for buying
 * and holding over the same bars.
 */
public record EquityPoint(Instant time, double equity, double buyAndHold) {
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", time.toString());
    m.put("equity", equity);
    m.put("buy_and_hold", buyAndHold);
    return m;
  }
}
