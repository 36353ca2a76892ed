package dev.ktrdr.research.backtest;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.data.Bar;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.features.BarSeriesAdapter;
import dev.ktrdr.research.strategy.PositionMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Position;
import org.ta4j.core.Rule;
import org.ta4j.core.Trade.TradeType;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.analysis.cost.CostModel;
import org.ta4j.core.analysis.cost.LinearTransactionCostModel;
import org.ta4j.core.analysis.cost.ZeroCostModel;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnNextOpenModel;

/**
 * Trades a series of wanted positions with ta4j and measures the result.
 *
 * <p>Conventions: {@code targets[t]} is the position wanted after bar {@code t}'s close (+1 long, 0
 * flat, −1 short); it fills at bar {@code t + 1}'s open ({@link TradeOnNextOpenModel}). Every fill
 * pays {@code commission} × traded value ({@link LinearTransactionCostModel}). A position puts in
 * all the equity there is when it opens, so returns compound from trade to trade: after a round
 * trip with net return r (ta4j's net profit over the entry value) the equity is multiplied by 1 +
 * r. Long-short runs a long record and a short record over the same targets; as the targets hold
 * one position at a time, a reversal closes one and opens the other at the same open. A position
 * still open at the end is closed at the last bar's close.
 *
 * <p>Between fills the equity is marked to each bar's close: E × (1 − c + d × (close − entry) /
 * entry) for a position of direction d opened with equity E at price {@code entry}.
 */
public final class BacktestEngine {
  static final int MAX_CURVE_POINTS = 500;
  private static final int CANCEL_CHECK_EVERY = 256;

  private BacktestEngine() {}

  /**
   * Trades {@code targets} over bars {@code [from, dataset.size())}.
   *
   * @throws IllegalArgumentException if the window has fewer than two bars
   * @throws dev.ktrdr.research.ResearchCancelledException if {@code cancel} is raised
   */
  public static BacktestResult run(
      Dataset dataset, int[] targets, int from, BacktestConfig config, CancelSignal cancel) {
    int to = dataset.size() - 1;
    if (from < 0 || to - from < 1) {
      throw new IllegalArgumentException(
          "a backtest needs at least two bars; dataset "
              + dataset.id()
              + " has "
              + Math.max(0, dataset.size() - Math.max(from, 0))
              + " in the window");
    }
    if (targets.length != dataset.size()) {
      throw new IllegalArgumentException("one target per bar is needed");
    }
    BarSeries series = BarSeriesAdapter.toSeries(dataset.id(), dataset.bars(), dataset.timeframe());
    CostModel fees = new LinearTransactionCostModel(config.commission());
    BarSeriesManager manager =
        new BarSeriesManager(series, fees, new ZeroCostModel(), new TradeOnNextOpenModel());
    List<Position> positions = new ArrayList<>();
    Map<Position, Boolean> closedAtEnd = new IdentityHashMap<>();
    side(manager, series, targets, 1, from, to, cancel, positions, closedAtEnd);
    if (config.mode() == PositionMode.LONG_SHORT) {
      side(manager, series, targets, -1, from, to, cancel, positions, closedAtEnd);
    }
    positions.sort(Comparator.comparingInt(p -> p.getEntry().getIndex()));
    return measure(dataset, from, to, config, positions, closedAtEnd, cancel);
  }

  private static void side(
      BarSeriesManager manager,
      BarSeries series,
      int[] targets,
      int direction,
      int from,
      int to,
      CancelSignal cancel,
      List<Position> positions,
      Map<Position, Boolean> closedAtEnd) {
    // ta4j asks the rules bar by bar; asking the cancel signal there too stops its loop quickly
    Rule entry =
        (i, record) -> {
          cancel.check();
          return targets[i] == direction;
        };
    Rule exit =
        (i, record) -> {
          cancel.check();
          return targets[i] != direction;
        };
    TradingRecord record =
        manager.run(
            new BaseStrategy(entry, exit, 0),
            direction > 0 ? TradeType.BUY : TradeType.SELL,
            series.one(),
            from,
            to);
    if (record.getCurrentPosition().isOpened()) {
      record.exit(to, series.getBar(to).getClosePrice(), series.one());
      closedAtEnd.put(record.getLastPosition(), Boolean.TRUE);
    }
    positions.addAll(record.getPositions());
  }

  private static BacktestResult measure(
      Dataset dataset,
      int from,
      int to,
      BacktestConfig config,
      List<Position> positions,
      Map<Position, Boolean> closedAtEnd,
      CancelSignal cancel) {
    List<Bar> bars = dataset.bars();
    double c = config.commission();
    int count = to - from + 1;
    double[] equity = new double[count];
    double[] buyHold = new double[count];
    double entryOpen = bars.get(from).open();
    List<Trade> trades = new ArrayList<>();
    double cash = 1.0;
    int next = 0; // next position to open
    Position open = null;
    double openEquity = 0;
    int exposed = 0;
    int wins = 0;
    double sumReturns = 0;
    for (int t = from; t <= to; t++) {
      if ((t - from) % CANCEL_CHECK_EVERY == 0) {
        cancel.check();
      }
      // a fill at this bar's open (or, at the end, its close) settles before the close is marked
      if (open != null && open.getExit().getIndex() == t) {
        double r = netReturn(open);
        cash = openEquity * (1 + r);
        trades.add(trade(bars, open, r, closedAtEnd.containsKey(open)));
        wins += r > 0 ? 1 : 0;
        sumReturns += r;
        open = null;
      }
      if (open == null
          && next < positions.size()
          && positions.get(next).getEntry().getIndex() == t) {
        open = positions.get(next++);
        openEquity = cash;
        if (open.getExit().getIndex() == t) { // opened and closed on the last bar
          double r = netReturn(open);
          cash = openEquity * (1 + r);
          trades.add(trade(bars, open, r, closedAtEnd.containsKey(open)));
          wins += r > 0 ? 1 : 0;
          sumReturns += r;
          open = null;
        }
      }
      double close = bars.get(t).close();
      if (open != null) {
        double entry = open.getEntry().getPricePerAsset().doubleValue();
        double d = open.getEntry().isBuy() ? 1 : -1;
        equity[t - from] = openEquity * (1 - c + d * (close - entry) / entry);
        exposed++;
      } else {
        equity[t - from] = cash;
      }
      buyHold[t - from] =
          1 + (close - entryOpen) / entryOpen - c - (t == to ? c * close / entryOpen : 0);
    }
    double totalReturn = equity[count - 1] - 1;
    return new BacktestResult(
        sharpe(equity, dataset.timeframe().periodsPerYear()),
        trades.isEmpty() ? 0 : (double) wins / trades.size(),
        maxDrawdown(equity),
        totalReturn,
        trades.size(),
        buyHold[count - 1] - 1,
        (double) exposed / count,
        trades.isEmpty() ? 0 : sumReturns / trades.size(),
        count,
        bars.get(from).time(),
        bars.get(to).time(),
        c,
        config.mode().wireName(),
        curve(bars, from, equity, buyHold),
        trades);
  }

  private static double netReturn(Position p) {
    return p.getProfit().doubleValue() / p.getEntry().getValue().doubleValue();
  }

  private static Trade trade(List<Bar> bars, Position p, double r, boolean atEnd) {
    int in = p.getEntry().getIndex();
    int out = p.getExit().getIndex();
    return new Trade(
        p.getEntry().isBuy() ? "long" : "short",
        bars.get(in).time(),
        p.getEntry().getPricePerAsset().doubleValue(),
        bars.get(out).time(),
        p.getExit().getPricePerAsset().doubleValue(),
        r,
        out - in,
        atEnd ? "end_of_data" : "signal");
  }

  /** Annualised Sharpe ratio of the per-bar returns, the bar before the window counting as 1.0. */
  static double sharpe(double[] equity, double periodsPerYear) {
    int n = equity.length;
    double[] r = new double[n];
    double prev = 1.0;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      r[i] = equity[i] / prev - 1;
      prev = equity[i];
      mean += r[i];
    }
    mean /= n;
    double var = 0;
    for (double x : r) {
      var += (x - mean) * (x - mean);
    }
    double sd = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
    return sd > 1e-15 ? mean / sd * Math.sqrt(periodsPerYear) : 0.0;
  }

  /** The largest fall from a running peak (the starting 1.0 included), as a positive fraction. */
  static double maxDrawdown(double[] equity) {
    double peak = 1.0;
    double worst = 0;
    for (double e : equity) {
      peak = Math.max(peak, e);
      worst = Math.max(worst, (peak - e) / peak);
    }
    return worst;
  }

  private static List<EquityPoint> curve(List<Bar> bars, int from, double[] equity, double[] bh) {
    int n = equity.length;
    List<EquityPoint> out = new ArrayList<>();
    double step = n <= MAX_CURVE_POINTS ? 1 : (double) (n - 1) / (MAX_CURVE_POINTS - 1);
    int last = -1;
    for (int k = 0; k < Math.min(n, MAX_CURVE_POINTS); k++) {
      int i = k == Math.min(n, MAX_CURVE_POINTS) - 1 ? n - 1 : (int) Math.round(k * step);
      if (i != last) {
        out.add(new EquityPoint(bars.get(from + i).time(), equity[i], bh[i]));
        last = i;
      }
    }
    return out;
  }
}
