package dev.ktrdr.research.design;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.model.ModelTrainer;
import dev.ktrdr.research.strategy.IndicatorSpec;
import dev.ktrdr.research.strategy.IndicatorType;
import dev.ktrdr.research.strategy.ModelSpec;
import dev.ktrdr.research.strategy.ParamDef;
import dev.ktrdr.research.strategy.PositionMode;
import dev.ktrdr.research.strategy.RulesSpec;
import dev.ktrdr.research.strategy.StrategySpec;
import dev.ktrdr.research.strategy.StrategySpecs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Designs without a model: reads the brief for a strategy family ("RSI", "mean reversion",
 * "momentum", "breakout", "trend"; none named: a balanced mix), for a direction ("long-short"), a
 * model ("neural"/"mlp"), a horizon ("short-term", "swing"), a temper ("conservative",
 * "aggressive"), explicit periods ("RSI 21", "SMA(50)") and the dataset ({@link DatasetChooser}).
 * Within the family the seed picks among a few standard parameter variations, so two researches of
 * one brief explore different variants and one seed always gives one spec.
 */
public final class RuleBasedDesigner implements Designer {
  /** The name this designer records in its results. */
  public static final String NAME = "rule_based";

  private static final Pattern EXPLICIT_PERIOD =
      Pattern.compile("\\b(rsi|sma|ema|atr|bollinger|bb)\\s*[-(]?\\s*(\\d{1,3})\\b");

  /** The families of strategies, with the words that call for them. */
  enum Family {
    RSI("rsi", "relative strength"),
    MEAN_REVERSION(
        "mean reversion",
        "mean-reversion",
        "reversion",
        "revert",
        "oversold",
        "overbought",
        "bollinger",
        "range-bound",
        "range bound",
        "fade"),
    MOMENTUM("momentum", "macd", "rate of change", "roc"),
    BREAKOUT("breakout", "break out", "break-out", "volatility", "squeeze", "atr", "channel"),
    TREND("trend", "moving average", "sma", "ema", "crossover", "cross-over", "trend following"),
    BALANCED();

    final List<String> words;

    Family(String... words) {
      this.words = List.of(words);
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Override
  public DesignResult design(DesignRequest request, CancelSignal cancel) {
    cancel.check();
    DatasetChooser.Choice choice = DatasetChooser.choose(request);
    String brief = request.brief().toLowerCase(Locale.ROOT);
    Family family = family(brief);
    StrategySpec spec = build(family, brief, request.seed(), choice.dataset(), false);
    boolean shortened = false;
    if (ModelTrainer.minimumBars(spec) > choice.dataset().barCount()) {
      spec = build(family, brief, request.seed(), choice.dataset(), true);
      shortened = true;
      if (ModelTrainer.minimumBars(spec) > choice.dataset().barCount()) {
        throw new DesignException(
            "dataset "
                + choice.dataset().id()
                + " has "
                + choice.dataset().barCount()
                + " bars; even the shortest "
                + family.label()
                + " strategy needs "
                + ModelTrainer.minimumBars(spec)
                + " (choose a longer dataset)");
      }
    }
    StrategySpecs.validate(spec);
    String explanation = explain(family, brief, spec, choice, request.seed(), shortened);
    return new DesignResult(spec, explanation, NAME, null, 0, 0);
  }

  static Family family(String brief) {
    Family best = Family.BALANCED;
    int bestScore = 0;
    int bestFirst = Integer.MAX_VALUE;
    for (Family f : Family.values()) {
      int score = 0;
      int first = Integer.MAX_VALUE;
      for (String w : f.words) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(w) + "\\b").matcher(brief);
        while (m.find()) {
          score++;
          first = Math.min(first, m.start());
        }
      }
      if (score > bestScore || (score == bestScore && score > 0 && first < bestFirst)) {
        best = f;
        bestScore = score;
        bestFirst = first;
      }
    }
    return best;
  }

  /** Picks a variation by seed, or the first (shortest) one when asked to keep periods short. */
  private static final class Picker {
    private final SplittableRandom random;
    private final boolean shortest;

    Picker(long seed, boolean shortest) {
      this.random = new SplittableRandom(seed);
      this.shortest = shortest;
    }

    boolean shortest() {
      return shortest;
    }

    int pick(int... choices) {
      int i = random.nextInt(choices.length); // drawn even when unused: same seed, same draws
      return shortest ? choices[0] : choices[i];
    }

    double pick(double... choices) {
      int i = random.nextInt(choices.length);
      return shortest ? choices[0] : choices[i];
    }
  }

  private static StrategySpec build(
      Family family, String brief, long seed, DatasetSummary dataset, boolean shortest) {
    Picker p = new Picker(seed, shortest);
    List<IndicatorSpec> ind = new ArrayList<>();
    List<String> features = new ArrayList<>();
    int horizon;
    switch (family) {
      case RSI -> {
        int period = p.pick(7, 9, 14, 21);
        add(ind, "rsi", IndicatorType.RSI, Map.of("period", period));
        add(ind, "rsi_slow", IndicatorType.RSI, Map.of("period", Math.min(100, period * 2)));
        add(ind, "ret", IndicatorType.RETURN, Map.of("lookback", 1));
        add(ind, "atr", IndicatorType.ATR, Map.of("period", 14));
        features.addAll(List.of("rsi", "rsi_slow", "ret", "atr"));
        horizon = p.pick(3, 5, 8);
      }
      case MEAN_REVERSION -> {
        add(ind, "rsi", IndicatorType.RSI, Map.of("period", p.pick(7, 14)));
        add(
            ind,
            "bb",
            IndicatorType.BOLLINGER,
            Map.of("period", p.pick(14, 20, 30), "k", p.pick(1.5, 2.0, 2.5)));
        add(ind, "ret", IndicatorType.RETURN, Map.of("lookback", 1));
        features.addAll(List.of("rsi", "bb.percent_b", "bb.width", "ret"));
        horizon = p.pick(3, 5);
      }
      case MOMENTUM -> {
        int v = p.shortest() ? 0 : p.pick(1, 2, 3);
        int[][] macd = {{5, 13, 4}, {8, 21, 5}, {12, 26, 9}, {5, 35, 5}};
        add(
            ind,
            "macd",
            IndicatorType.MACD,
            Map.of("fast", macd[v][0], "slow", macd[v][1], "signal", macd[v][2]));
        add(ind, "mom", IndicatorType.RETURN, Map.of("lookback", p.pick(5, 10)));
        add(ind, "rsi", IndicatorType.RSI, Map.of("period", 14));
        features.addAll(List.of("macd.hist", "macd.macd", "mom", "rsi"));
        horizon = p.pick(5, 8, 10);
      }
      case BREAKOUT -> {
        add(ind, "bb", IndicatorType.BOLLINGER, Map.of("period", p.pick(20, 30), "k", 2.0));
        add(ind, "atr", IndicatorType.ATR, Map.of("period", p.pick(14, 20)));
        add(ind, "ret", IndicatorType.RETURN, Map.of("lookback", 1));
        features.addAll(List.of("bb.percent_b", "bb.width", "atr", "ret"));
        horizon = p.pick(5, 10);
      }
      case TREND -> {
        add(ind, "sma_fast", IndicatorType.SMA, Map.of("period", p.pick(10, 20)));
        add(
            ind,
            "ema_slow",
            IndicatorType.EMA,
            Map.of("period", p.shortest() ? 15 : p.pick(30, 50)));
        add(
            ind,
            "macd",
            IndicatorType.MACD,
            p.shortest()
                ? Map.of("fast", 5, "slow", 13, "signal", 4)
                : Map.of("fast", 12, "slow", 26, "signal", 9));
        add(ind, "mom", IndicatorType.RETURN, Map.of("lookback", 5));
        features.addAll(List.of("sma_fast", "ema_slow", "macd.hist", "mom"));
        horizon = p.pick(8, 10, 15);
      }
      default -> {
        add(ind, "rsi", IndicatorType.RSI, Map.of("period", 14));
        add(
            ind,
            "macd",
            IndicatorType.MACD,
            p.shortest()
                ? Map.of("fast", 5, "slow", 13, "signal", 4)
                : Map.of("fast", 12, "slow", 26, "signal", 9));
        add(ind, "bb", IndicatorType.BOLLINGER, Map.of("period", 20, "k", 2.0));
        add(ind, "atr", IndicatorType.ATR, Map.of("period", 14));
        add(ind, "ret", IndicatorType.RETURN, Map.of("lookback", 1));
        features.addAll(List.of("rsi", "macd.hist", "bb.percent_b", "atr", "ret"));
        horizon = p.pick(3, 5, 8);
      }
    }
    applyExplicitPeriods(brief, ind, features);
    if (has(brief, "short-term", "short term", "scalp", "scalping", "quick")) {
      horizon = 3;
    } else if (has(brief, "long-term", "long term", "swing")) {
      horizon = 10;
    }
    boolean neural = has(brief, "neural", "mlp", "network", "non-linear", "nonlinear", "deep");
    int hidden = p.pick(8, 16);
    ModelSpec model = neural ? ModelSpec.mlp(150, hidden) : ModelSpec.logistic(150);
    RulesSpec rules =
        has(brief, "conservative", "cautious")
            ? new RulesSpec(0.6, 0.4)
            : has(brief, "aggressive") ? new RulesSpec(0.52, 0.48) : new RulesSpec(0.55, 0.45);
    PositionMode mode =
        has(
                brief,
                "long-short",
                "long/short",
                "long short",
                "short selling",
                "short-selling",
                "go short",
                "shorting",
                "both directions")
            ? PositionMode.LONG_SHORT
            : PositionMode.LONG_ONLY;
    String name = family.label() + "_" + String.format("%04x", (int) (mix(seed) & 0xffff));
    return new StrategySpec(
        StrategySpec.VERSION,
        name,
        dataset.id(),
        ind,
        features,
        horizon,
        model,
        rules,
        mode,
        0.7,
        seed);
  }

  /**
   * "RSI 21", "SMA(50)", "bb 30": that period for that indicator (added if the family lacks it).
   */
  private static void applyExplicitPeriods(
      String brief, List<IndicatorSpec> ind, List<String> features) {
    Matcher m = EXPLICIT_PERIOD.matcher(brief);
    while (m.find()) {
      IndicatorType type =
          switch (m.group(1)) {
            case "rsi" -> IndicatorType.RSI;
            case "sma" -> IndicatorType.SMA;
            case "ema" -> IndicatorType.EMA;
            case "atr" -> IndicatorType.ATR;
            default -> IndicatorType.BOLLINGER;
          };
      ParamDef def = type.params().get(0);
      int period = (int) Math.max(def.min(), Math.min(def.max(), Integer.parseInt(m.group(2))));
      boolean found = false;
      for (int i = 0; i < ind.size(); i++) {
        IndicatorSpec s = ind.get(i);
        if (s.type() == type && !found) {
          Map<String, Double> params = new LinkedHashMap<>(s.params());
          params.put("period", (double) period);
          ind.set(i, new IndicatorSpec(s.name(), type, params));
          found = true;
        }
      }
      if (!found) {
        String name = m.group(1).equals("bb") ? "bollinger" : m.group(1) + "_" + period;
        if (ind.stream().noneMatch(s -> s.name().equals(name))) {
          add(ind, name, type, Map.of("period", period));
          features.add(name);
        }
      }
    }
  }

  private static void add(
      List<IndicatorSpec> ind,
      String name,
      IndicatorType type,
      Map<String, ? extends Number> params) {
    ind.add(IndicatorSpec.of(name, type, params));
  }

  private static boolean has(String brief, String... words) {
    for (String w : words) {
      if (Pattern.compile("\\b" + Pattern.quote(w) + "\\b").matcher(brief).find()) {
        return true;
      }
    }
    return false;
  }

  private static long mix(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String explain(
      Family family,
      String brief,
      StrategySpec spec,
      DatasetChooser.Choice choice,
      long seed,
      boolean shortened) {
    List<String> matched = new ArrayList<>();
    for (String w : family.words) {
      if (has(brief, w)) {
        matched.add("'" + w + "'");
      }
    }
    StringBuilder b = new StringBuilder();
    b.append(
        family == Family.BALANCED
            ? "A balanced mix of oscillator, trend and volatility features: the brief names no"
                + " strategy family."
            : "A "
                + family.label().replace('_', ' ')
                + " strategy: the brief mentions "
                + String.join(", ", matched)
                + ".");
    b.append(" Indicators: ");
    List<String> parts = new ArrayList<>();
    for (IndicatorSpec s : spec.indicators()) {
      parts.add(s.name() + " = " + s.type().wireName() + paramsText(s));
    }
    b.append(String.join(", ", parts))
        .append("; features: ")
        .append(String.join(", ", spec.features()));
    b.append(". The model (")
        .append(spec.model().type().wireName().replace('_', ' '))
        .append(
            spec.model().type() == dev.ktrdr.research.strategy.ModelType.MLP
                ? ", " + spec.model().hiddenUnits() + " hidden units"
                : "")
        .append(") predicts whether the close is higher ")
        .append(spec.labelHorizon())
        .append(" bars later; ")
        .append(spec.positionMode() == PositionMode.LONG_SHORT ? "long-short" : "long-only")
        .append(", long at P(up) ≥ ")
        .append(spec.rules().entryThreshold())
        .append(spec.positionMode() == PositionMode.LONG_SHORT ? ", short" : ", out")
        .append(" at P(up) ≤ ")
        .append(spec.rules().exitThreshold())
        .append(". ")
        .append(Character.toUpperCase(choice.reason().charAt(0)))
        .append(choice.reason().substring(1))
        .append(". Variations picked by seed ")
        .append(seed)
        .append(shortened ? "; shortest periods, as the dataset is short." : ".");
    return b.toString();
  }

  private static String paramsText(IndicatorSpec s) {
    List<String> v = new ArrayList<>();
    for (ParamDef d : s.type().params()) {
      double x = s.param(d.name());
      v.add(d.integer() ? Integer.toString((int) x) : Double.toString(x));
    }
    return "(" + String.join(", ", v) + ")";
  }
}
