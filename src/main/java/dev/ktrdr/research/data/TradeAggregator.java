package dev.ktrdr.research.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a time-ordered stream of trades into bars of one timeframe, aligned to the epoch (a 5m bar
 * opens at :00, :05, …). An interval without trades becomes a flat bar at the previous close with
 * zero volume, so the bars are evenly spaced and bar counts per year hold.
 */
public final class TradeAggregator {
  private final long stepMillis;
  private final List<Bar> bars = new ArrayList<>();
  private long bucket = Long.MIN_VALUE;
  private double open;
  private double high;
  private double low;
  private double close;
  private double volume;

  public TradeAggregator(Timeframe timeframe) {
    Duration d = timeframe.duration();
    this.stepMillis = d.toMillis();
  }

  /**
   * Adds one trade.
   *
   * @throws IllegalArgumentException if the trade is earlier than the previous one, or its price is
   *     not positive
   */
  public void add(Instant time, double price, double amount) {
    if (!(price > 0)) {
      throw new IllegalArgumentException("trade price must be positive, got " + price);
    }
    long b = Math.floorDiv(time.toEpochMilli(), stepMillis) * stepMillis;
    if (bucket == Long.MIN_VALUE) {
      start(b, price, amount);
      return;
    }
    if (b < bucket) {
      throw new IllegalArgumentException("trades must be in time order: " + time);
    }
    if (b == bucket) {
      high = Math.max(high, price);
      low = Math.min(low, price);
      close = price;
      volume += amount;
      return;
    }
    flush();
    for (long empty = bucket + stepMillis; empty < b; empty += stepMillis) {
      bars.add(new Bar(Instant.ofEpochMilli(empty), close, close, close, close, 0));
    }
    start(b, price, amount);
  }

  private void start(long b, double price, double amount) {
    bucket = b;
    open = price;
    high = price;
    low = price;
    close = price;
    volume = amount;
  }

  private void flush() {
    bars.add(new Bar(Instant.ofEpochMilli(bucket), open, high, low, close, volume));
  }

  /** The bars so far, the last (possibly partial) interval included. */
  public List<Bar> bars() {
    List<Bar> out = new ArrayList<>(bars);
    if (bucket != Long.MIN_VALUE) {
      out.add(new Bar(Instant.ofEpochMilli(bucket), open, high, low, close, volume));
    }
    return out;
  }
}
