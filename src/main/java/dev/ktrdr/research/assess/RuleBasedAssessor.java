package dev.ktrdr.research.assess;

import dev.ktrdr.research.CancelSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a research by fixed rules on its numbers.
 *
 * <ul>
 *   <li>{@code reject}: a gate stopped it, or it has no backtest, or it lost money with a negative
 *       Sharpe ratio.
 *   <li>{@code promising}: Sharpe ≥ {@value #GOOD_SHARPE}, a positive return that beats buy and
 *       hold, at least {@value #MIN_TRADES} trades, drawdown ≤ {@value #HIGH_DRAWDOWN}, and a
 *       held-out accuracy above the majority-direction baseline.
 *   <li>{@code mixed}: anything else.
 * </ul>
 */
public final class RuleBasedAssessor implements Assessor {
  /** The name this assessor records in its results. */
  public static final String NAME = "rule_based";

  static final double GOOD_SHARPE = 1.0;
  static final int MIN_TRADES = 5;
  static final double HIGH_DRAWDOWN = 0.25;
  static final double LOW_DRAWDOWN = 0.10;

  @Override
  public Assessment assess(AssessmentInput in, CancelSignal cancel) {
    cancel.check();
    List<String> strengths = new ArrayList<>();
    List<String> weaknesses = new ArrayList<>();
    List<String> suggestions = new ArrayList<>();

    double acc = in.training("accuracy");
    double base = in.training("baseline_accuracy");
    double initial = in.training("initial_loss");
    double fin = in.training("final_loss");
    double holdoutLoss = in.training("holdout_loss");
    boolean edge = false;
    if (!Double.isNaN(acc) && !Double.isNaN(base)) {
      edge = acc > base;
      if (acc >= base + 0.03) {
        strengths.add(
            "held-out accuracy "
                + pct(acc)
                + " beats always calling the majority direction ("
                + pct(base)
                + ")");
      } else if (acc <= base) {
        weaknesses.add(
            "held-out accuracy "
                + pct(acc)
                + " is no better than always calling the majority direction ("
                + pct(base)
                + ")");
        suggestions.add("try other features or another strategy family: these carry little signal");
      }
    }
    if (!Double.isNaN(initial) && !Double.isNaN(fin) && initial > 0) {
      double drop = (initial - fin) / initial;
      if (drop >= 0.02) {
        strengths.add(
            "training loss fell " + pct(drop) + " (" + num(initial) + " → " + num(fin) + ")");
      } else {
        weaknesses.add("training loss barely moved (" + num(initial) + " → " + num(fin) + ")");
      }
      if (!Double.isNaN(holdoutLoss) && holdoutLoss > fin + 0.05) {
        weaknesses.add(
            "held-out loss "
                + num(holdoutLoss)
                + " is well above the training loss "
                + num(fin)
                + ": the model overfits");
        suggestions.add("raise l2, use fewer hidden units or fewer epochs");
      }
    }

    if (in.gateRejection() != null) {
      weaknesses.add("stopped by the " + in.gateRejection() + " gate");
      suggestions.add("revise the design before spending a backtest on it");
      return done(Verdict.REJECT, strengths, weaknesses, suggestions, in);
    }
    if (in.backtest() == null) {
      weaknesses.add("no backtest result");
      return done(Verdict.REJECT, strengths, weaknesses, suggestions, in);
    }

    double sharpe = in.backtest("sharpe_ratio");
    double ret = in.backtest("total_return");
    double bh = in.backtest("buy_and_hold_return");
    double dd = in.backtest("max_drawdown");
    double win = in.backtest("win_rate");
    int trades = (int) in.backtest("total_trades");
    if (sharpe >= GOOD_SHARPE) {
      strengths.add("out-of-sample Sharpe ratio " + num(sharpe));
    } else if (sharpe < 0) {
      weaknesses.add("negative out-of-sample Sharpe ratio " + num(sharpe));
    }
    if (ret > bh) {
      strengths.add("return " + pct(ret) + " beats buy and hold (" + pct(bh) + ")");
    } else {
      weaknesses.add("return " + pct(ret) + " trails buy and hold (" + pct(bh) + ")");
      suggestions.add(
          "compare with buy and hold before trusting the signals; a trend filter may help");
    }
    if (dd > HIGH_DRAWDOWN) {
      weaknesses.add("drawdown of " + pct(dd));
      suggestions.add("use conservative thresholds or long-only positions to cut the drawdown");
    } else if (dd < LOW_DRAWDOWN) {
      strengths.add("drawdown held to " + pct(dd));
    }
    if (trades < MIN_TRADES) {
      weaknesses.add(trades + " trade" + (trades == 1 ? "" : "s") + ": too few to judge");
      suggestions.add("lower the entry threshold or use a longer dataset for more trades");
    } else if (win >= 0.55) {
      strengths.add("wins " + pct(win) + " of " + trades + " trades");
    } else if (win < 0.4) {
      weaknesses.add("wins only " + pct(win) + " of " + trades + " trades");
    }

    Verdict verdict;
    if (ret < 0 && sharpe < 0) {
      verdict = Verdict.REJECT;
    } else if (sharpe >= GOOD_SHARPE
        && ret > 0
        && ret > bh
        && trades >= MIN_TRADES
        && dd <= HIGH_DRAWDOWN
        && edge) {
      verdict = Verdict.PROMISING;
      suggestions.add("confirm on another dataset or timeframe before trusting it");
    } else {
      verdict = Verdict.MIXED;
    }
    return done(verdict, strengths, weaknesses, suggestions, in);
  }

  private static Assessment done(
      Verdict v, List<String> s, List<String> w, List<String> g, AssessmentInput in) {
    String summary =
        v.wireName()
            + ": "
            + s.size()
            + " strength"
            + (s.size() == 1 ? "" : "s")
            + ", "
            + w.size()
            + " weakness"
            + (w.size() == 1 ? "" : "es")
            + (in.gateRejection() != null ? " (gate " + in.gateRejection() + ")" : "");
    return new Assessment(v, s, w, g.stream().distinct().toList(), summary, NAME, null, 0, 0);
  }

  private static String pct(double x) {
    return String.format(Locale.ROOT, "%.1f%%", x * 100);
  }

  private static String num(double x) {
    return String.format(Locale.ROOT, "%.3f", x);
  }
}
