package dev.ktrdr.research.backtest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backtest's numbers, in the key names of SPEC §3/§13.
 *
 * @param sharpeRatio mean over standard deviation of the per-bar equity returns, times the square
 *     root of bars per year ({@link dev.ktrdr.research.data.Timeframe#periodsPerYear()}); 0 when
 *     the equity never moves
 * @param winRate share of round trips with a positive net return; 0 with no trades
 * @param maxDrawdown the largest fall from a peak of the equity, as a positive fraction of it
 * @param totalReturn final equity / starting equity − 1, after commissions
 * @param buyAndHoldReturn buying at the first bar's open and selling at the last close, after
 *     commission on both fills
 * @param exposure share of bars with a position open
 * @param equityCurve at most {@value BacktestEngine#MAX_CURVE_POINTS} evenly spaced points (first
 *     and last included); the metrics use every bar
 */
public record BacktestResult(
    double sharpeRatio,
    double winRate,
    double maxDrawdown,
    double totalReturn,
    int totalTrades,
    double buyAndHoldReturn,
    double exposure,
    double averageTradeReturn,
    int bars,
    Instant start,
    Instant end,
    double commission,
    String positionMode,
    List<EquityPoint> equityCurve,
    List<Trade> trades) {
  /** The key of the equity curve in {@link #toMap()}. */
  public static final String EQUITY_CURVE = "equity_curve";

  /** The key of the trades in {@link #toMap()}. */
  public static final String TRADES = "trades";

  /**
   * The keys of {@link #toMap()} that hold series rather than numbers: what a summary of the result
   * leaves out.
   */
  public static final Set<String> SERIES = Set.of(EQUITY_CURVE, TRADES);

  public BacktestResult {
    equityCurve = List.copyOf(equityCurve);
    trades = List.copyOf(trades);
  }

  /** The headline numbers only (what a research's {@code backtest_result} summary shows). */
  public Map<String, Object> metrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sharpe_ratio", sharpeRatio);
    m.put("win_rate", winRate);
    m.put("max_drawdown", maxDrawdown);
    m.put("total_return", totalReturn);
    m.put("total_trades", totalTrades);
    m.put("buy_and_hold_return", buyAndHoldReturn);
    m.put("exposure", exposure);
    m.put("average_trade_return", averageTradeReturn);
    return m;
  }

  /** Everything, JSON-ready: the metrics, the window and conventions, the curve, the trades. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = metrics();
    m.put("bars", bars);
    m.put("start", start.toString());
    m.put("end", end.toString());
    m.put("commission", commission);
    m.put("position_mode", positionMode);
    m.put(EQUITY_CURVE, equityCurve.stream().map(EquityPoint::toMap).toList());
    m.put(TRADES, trades.stream().map(Trade::toMap).toList());
    return m;
  }
}
