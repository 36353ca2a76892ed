package dev.ktrdr.research.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One OHLCV bar. {@code time} is the instant the bar <em>opens</em> (UTC); the bar covers {@code
 * [time, time + timeframe)}.
 */
public record Bar(Instant time, double open, double high, double low, double close, double volume) {
  public Bar {
    Objects.requireNonNull(time, "time");
  }

  /** {@code {"time", "open", "high", "low", "close", "volume"}} with the time as ISO-8601. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", time.toString());
    m.put("open", open);
    m.put("high", high);
    m.put("low", low);
    m.put("close", close);
    m.put("volume", volume);
    return m;
  }
}
