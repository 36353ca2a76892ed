package dev.ktrdr.research.backtest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One round trip.
 *
 * @param netReturn the position's return after both commissions, as a fraction of the equity put in
 * @param exitReason {@code signal}, or {@code end_of_data} for a position closed at the last bar's
 *     close
 */
public record Trade(
    String direction,
    Instant entryTime,
    double entryPrice,
    Instant exitTime,
    double exitPrice,
    double netReturn,
    int barsHeld,
    String exitReason) {

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("direction", direction);
    m.put("entry_time", entryTime.toString());
    m.put("entry_price", entryPrice);
    m.put("exit_time", exitTime.toString());
    m.put("exit_price", exitPrice);
    m.put("return", netReturn);
    m.put("bars_held", barsHeld);
    m.put("exit_reason", exitReason);
    return m;
  }
}
