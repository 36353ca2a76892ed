package dev.ktrdr.research.design;

import dev.ktrdr.research.data.BundledDatasets;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.data.Timeframe;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the dataset of a design: the one the user named (by id, or by symbol and timeframe), else
 * one whose symbol or timeframe the brief names, else {@value #DEFAULT_DATASET} (BTC/USD 5-minute
 * bars: the longest bundled series), else the first there is.
 */
public final class DatasetChooser {
  /** The dataset of a brief that names none. */
  public static final String DEFAULT_DATASET = BundledDatasets.BTCUSD_5M;

  private static final Pattern TIMEFRAME =
      Pattern.compile(
          "\\b(\\d{1,3})\\s*-?\\s*(m|min|mins|minute|minutes|h|hr|hour|hours|d|day|days|w|week|weeks)\\b");
  private static final Map<String, String> TIMEFRAME_WORDS =
      Map.of("daily", "1d", "hourly", "1h", "weekly", "1w");
  private static final Map<String, List<String>> ALIASES =
      Map.of(
          "btc", List.of("bitcoin", "xbt"),
          "eth", List.of("ether", "ethereum"),
          "aapl", List.of("apple"));

  private DatasetChooser() {}

  /** The dataset chosen, and a sentence saying why. */
  public record Choice(DatasetSummary dataset, String reason) {}

  /**
   * Chooses the dataset for {@code r}.
   *
   * @throws DesignException if the user named a dataset, symbol or timeframe that does not exist
   */
  public static Choice choose(DesignRequest r) {
    List<DatasetSummary> all = r.datasets();
    if (r.datasetId() != null && !r.datasetId().isBlank()) {
      for (DatasetSummary d : all) {
        if (d.id().equals(r.datasetId().trim())) {
          return new Choice(d, "dataset " + d.id() + " as requested");
        }
      }
      throw new DesignException(
          "unknown dataset '" + r.datasetId() + "' (known: " + ids(all) + ")");
    }
    if (blank(r.symbol()) && blank(r.timeframe())) {
      return fromBrief(r.brief(), all);
    }
    String tf = blank(r.timeframe()) ? null : Timeframe.parse(r.timeframe()).label();
    for (DatasetSummary d : all) {
      if ((blank(r.symbol()) || sameSymbol(d.symbol(), r.symbol()))
          && (tf == null || d.timeframe().equals(tf))) {
        return new Choice(d, "dataset " + d.id() + " for the requested " + what(r.symbol(), tf));
      }
    }
    throw new DesignException(
        "no dataset for " + what(r.symbol(), tf) + " (have: " + describe(all) + ")");
  }

  private static Choice fromBrief(String brief, List<DatasetSummary> all) {
    String text = brief.toLowerCase(Locale.ROOT);
    Set<String> timeframes = timeframesIn(text);
    List<DatasetSummary> bySymbol = new ArrayList<>();
    for (DatasetSummary d : all) {
      if (mentions(text, d.symbol())) {
        bySymbol.add(d);
      }
    }
    List<DatasetSummary> pool = bySymbol.isEmpty() ? all : bySymbol;
    for (DatasetSummary d : pool) {
      if (timeframes.contains(d.timeframe())) {
        return new Choice(
            d,
            "dataset "
                + d.id()
                + ": the brief names "
                + (bySymbol.isEmpty() ? "" : d.symbol() + " and ")
                + "the "
                + d.timeframe()
                + " timeframe");
      }
    }
    if (!bySymbol.isEmpty()) {
      DatasetSummary d = bySymbol.get(0);
      return new Choice(
          d,
          "dataset "
              + d.id()
              + ": the brief names "
              + d.symbol()
              + (timeframes.isEmpty()
                  ? ""
                  : " (no "
                      + String.join("/", timeframes)
                      + " bars of it; using "
                      + d.timeframe()
                      + ")"));
    }
    for (DatasetSummary d : all) {
      if (d.id().equals(DEFAULT_DATASET)) {
        return new Choice(
            d,
            "dataset "
                + d.id()
                + ", the default: the brief names no symbol"
                + (timeframes.isEmpty()
                    ? ""
                    : " and no dataset has " + String.join("/", timeframes) + " bars"));
      }
    }
    return new Choice(all.get(0), "dataset " + all.get(0).id() + ": the brief names no symbol");
  }

  static Set<String> timeframesIn(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = TIMEFRAME.matcher(text);
    while (m.find()) {
      try {
        out.add(Timeframe.parse(m.group(1) + m.group(2)).label());
      } catch (IllegalArgumentException e) {
        // not a timeframe after all
      }
    }
    for (Map.Entry<String, String> w : TIMEFRAME_WORDS.entrySet()) {
      if (Pattern.compile("\\b" + w.getKey() + "\\b").matcher(text).find()) {
        out.add(w.getValue());
      }
    }
    return out;
  }

  /** True if {@code text} names the symbol: {@code BTC/USD}, {@code btcusd}, {@code btc}, … */
  static boolean mentions(String text, String symbol) {
    for (String word : symbolWords(symbol)) {
      if (Pattern.compile("(?<![a-z0-9])" + Pattern.quote(word) + "(?![a-z0-9])")
          .matcher(text)
          .find()) {
        return true;
      }
    }
    return false;
  }

  private static List<String> symbolWords(String symbol) {
    String s = symbol.toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    words.add(s);
    words.add(s.replaceAll("[^a-z0-9]", ""));
    String base = s.split("[/\\-_ ]")[0];
    words.add(base);
    words.addAll(ALIASES.getOrDefault(base, List.of()));
    return words;
  }

  private static boolean sameSymbol(String a, String b) {
    return a.toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]", "")
        .equals(b.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String what(String symbol, String timeframe) {
    if (blank(symbol)) {
      return "timeframe " + timeframe;
    }
    return "symbol " + symbol + (timeframe == null ? "" : " at timeframe " + timeframe);
  }

  private static String ids(List<DatasetSummary> all) {
    return String.join(", ", all.stream().map(DatasetSummary::id).toList());
  }

  private static String describe(List<DatasetSummary> all) {
    return String.join(
        ", ",
        all.stream().map(d -> d.id() + " (" + d.symbol() + " " + d.timeframe() + ")").toList());
  }
}
