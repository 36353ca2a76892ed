package dev.ktrdr.research.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a listing of datasets shows: no bars, only where they start and end and how many. */
public record DatasetSummary(
    String id,
    String symbol,
    String timeframe,
    String source,
    Instant firstBar,
    Instant lastBar,
    int barCount) {

  /**
   * {@code {"id", "symbol", "timeframe", "source", "first_bar", "last_bar", "bar_count"}}, times as
   * ISO-8601 UTC.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("symbol", symbol);
    m.put("timeframe", timeframe);
    m.put("source", source);
    m.put("first_bar", firstBar.toString());
    m.put("last_bar", lastBar.toString());
    m.put("bar_count", barCount);
    return m;
  }
}
