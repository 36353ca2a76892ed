package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * 200 from {@code POST /backtest}: the metrics, the conventions they were computed under, the
 * equity curve (at most 500 points) and the trades (at most 200; {@code trades_omitted} says how
 * many more there were).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "success",
  "dataset",
  "strategy",
  "params",
  "position_mode",
  "commission",
  "bars",
  "start",
  "end",
  "metrics",
  "equity_curve",
  "trades",
  "trades_omitted"
})
public record BacktestReply(
    @Always(true) boolean success,
    String dataset,
    String strategy,
    @JsonPropertyDescription("The parameters as given") Map<String, Double> params,
    @JsonPropertyDescription("long_only or long_short") String positionMode,
    double commission,
    @JsonPropertyDescription("Bars simulated") int bars,
    @DateTime String start,
    @DateTime String end,
    Metrics metrics,
    List<EquityPoint> equityCurve,
    List<Trade> trades,
    int tradesOmitted) {

  /** The numbers, as a research's backtest_result carries them. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "sharpe_ratio",
    "win_rate",
    "max_drawdown",
    "total_return",
    "total_trades",
    "buy_and_hold_return",
    "exposure",
    "average_trade_return"
  })
  public record Metrics(
      @JsonPropertyDescription("Annualised from the bar timeframe") double sharpeRatio,
      @JsonPropertyDescription("Share of round trips with a positive net return") double winRate,
      @JsonPropertyDescription("Largest fall from a peak, a positive fraction") double maxDrawdown,
      @JsonPropertyDescription("After commissions") double totalReturn,
      int totalTrades,
      @JsonPropertyDescription("First open to last close, with the same commission")
          double buyAndHoldReturn,
      @JsonPropertyDescription("Share of bars with a position open") double exposure,
      double averageTradeReturn) {}

  /** Equity at a bar's close, as a multiple of the start, beside buy and hold. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"time", "equity", "buy_and_hold"})
  public record EquityPoint(@DateTime String time, double equity, double buyAndHold) {}

  /** One round trip. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "direction",
    "entry_time",
    "entry_price",
    "exit_time",
    "exit_price",
    "return",
    "bars_held",
    "exit_reason"
  })
  public record Trade(
      @JsonPropertyDescription("long or short") String direction,
      @DateTime String entryTime,
      double entryPrice,
      @DateTime String exitTime,
      double exitPrice,
      @JsonProperty("return") @JsonPropertyDescription("Net of both commissions") double netReturn,
      int barsHeld,
      @JsonPropertyDescription("signal, or end_of_data") String exitReason) {}
}
