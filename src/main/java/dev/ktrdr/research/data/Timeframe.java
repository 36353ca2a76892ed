package dev.ktrdr.research.data;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spacing of a dataset's bars: {@code 1m}, {@code 5m}, {@code 15m}, {@code 1h}, {@code 4h},
 * {@code 1d}, {@code 1w} and the like.
 *
 * <p>Annualisation (for the Sharpe ratio) follows market convention: daily bars count 252 trading
 * days a year and weekly bars 52; intraday bars assume a market open around the clock (as crypto
 * markets are), so {@code 5m} bars count 365 × 24 × 12 a year.
 */
public record Timeframe(int amount, Unit unit) {
  /** The unit of a timeframe. */
  public enum Unit {
    MINUTE("m", Duration.ofMinutes(1)),
    HOUR("h", Duration.ofHours(1)),
    DAY("d", Duration.ofDays(1)),
    WEEK("w", Duration.ofDays(7));

    private final String suffix;
    private final Duration length;

    Unit(String suffix, Duration length) {
      this.suffix = suffix;
      this.length = length;
    }
  }

  private static final Pattern FORM =
      Pattern.compile(
          "(\\d{1,4})\\s*(m|min|mins|minute|minutes|h|hr|hour|hours|d|day|days|w|wk|week|weeks)");
  private static final Map<String, String> WORDS =
      Map.of(
          "daily", "1d",
          "hourly", "1h",
          "weekly", "1w",
          "minute", "1m");
  private static final double TRADING_DAYS_PER_YEAR = 252;
  private static final double MINUTES_PER_YEAR = 365.0 * 24 * 60;

  public Timeframe {
    if (amount < 1) {
      throw new IllegalArgumentException("timeframe amount must be at least 1, got " + amount);
    }
    if (unit == null) {
      throw new IllegalArgumentException("timeframe unit is missing");
    }
  }

  /**
   * Parses {@code 5m}, {@code 5min}, {@code 1h}, {@code 1 hour}, {@code 1d}, {@code daily}…
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Timeframe parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("timeframe is missing (use e.g. 5m, 1h, 1d)");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    t = WORDS.getOrDefault(t, t);
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "unknown timeframe '" + text + "' (use a number and m, h, d or w, e.g. 5m, 1h, 1d)");
    }
    int amount = Integer.parseInt(m.group(1));
    if (amount < 1) {
      throw new IllegalArgumentException(
          "timeframe '" + text + "' must be at least one unit (e.g. 5m, 1h, 1d)");
    }
    Unit unit =
        switch (m.group(2).charAt(0)) {
          case 'm' -> Unit.MINUTE;
          case 'h' -> Unit.HOUR;
          case 'd' -> Unit.DAY;
          default -> Unit.WEEK;
        };
    return new Timeframe(amount, unit);
  }

  /** The canonical label, e.g. {@code 5m}, {@code 1h}, {@code 1d}. */
  public String label() {
    return amount + unit.suffix;
  }

  /** The length of one bar. */
  public Duration duration() {
    return unit.length.multipliedBy(amount);
  }

  /** Bars per year, for annualising per-bar statistics (see the class comment). */
  public double periodsPerYear() {
    return switch (unit) {
      case DAY -> TRADING_DAYS_PER_YEAR / amount;
      case WEEK -> 52.0 / amount;
      default -> MINUTES_PER_YEAR / duration().toMinutes();
    };
  }

  /** True for bars of a day or longer, whose series skip weekends and holidays. */
  public boolean isDailyOrLonger() {
    return unit == Unit.DAY || unit == Unit.WEEK;
  }

  @Override
  public String toString() {
    return label();
  }
}
