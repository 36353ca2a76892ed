package dev.ktrdr.cli;

import dev.ktrdr.wire.BacktestReply;
import dev.ktrdr.wire.BacktestRequest;
import dev.ktrdr.wire.Routes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ktrdr backtest}: one rule-based strategy on a whole dataset, without a research. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "Backtest one rule-based strategy on a whole dataset and print its metrics.",
      "Same engine and conventions as a research's backtest: a signal on a bar's close fills at"
          + " the next bar's open, commission on every fill, all equity per position.",
      "Strategies: sma_cross and ema_cross (fast, slow), rsi_reversion (period, lower, upper),"
          + " bollinger_reversion (period, k)."
    })
public final class BacktestCommand extends ClientCommand {
  @Option(names = "--dataset", required = true, paramLabel = "ID", description = "Dataset id")
  String dataset;

  @Option(names = "--strategy", required = true, paramLabel = "NAME", description = "Strategy")
  String strategy;

  @Option(
      names = "--param",
      paramLabel = "NAME=VALUE",
      description = "A strategy parameter, e.g. --param fast=10 (repeatable)")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--long-short", description = "A sell signal reverses into a short")
  boolean longShort;

  @Option(
      names = "--commission",
      paramLabel = "FRACTION",
      description = "Of traded value, per fill (default 0.002)")
  Double commission;

  @Override
  Duration readTimeout() {
    return Duration.ofMinutes(5);
  }

  @Override
  int run(ApiClient api) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> {
          try {
            numbers.put(k.strip(), Double.parseDouble(v.strip()));
          } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(
                spec.commandLine(),
                "Invalid --param " + k + "=" + v + ": the value must be a number");
          }
        });
    ApiClient.Reply reply =
        api.post(
            new BacktestRequest(
                dataset, strategy, numbers, longShort ? Boolean.TRUE : null, commission),
            Routes.BACKTEST);
    if (json) {
      printJson(reply.requireJson());
      return reply.ok() ? 0 : 1;
    }
    if (!reply.ok()) {
      err().println("Cannot backtest: " + reply.errorMessage());
      return 1;
    }
    BacktestReply r = reply.as(BacktestReply.class);
    BacktestReply.Metrics m = r.metrics();
    String given =
        r.params().isEmpty()
            ? "default parameters"
            : r.params().entrySet().stream()
                .map(e -> e.getKey() + "=" + Formats.number(e.getValue()))
                .collect(Collectors.joining(", "));
    out()
        .printf(
            Locale.ROOT,
            "Backtest %s (%s) on %s, %s, commission %s%n",
            r.strategy(),
            given,
            r.dataset(),
            r.positionMode().replace('_', '-'),
            Formats.number(r.commission()));
    out()
        .printf(
            Locale.ROOT,
            "Bars:           %d, opening %s to %s UTC%n",
            r.bars(),
            DataCommand.barTime(r.start(), null),
            DataCommand.barTime(r.end(), null));
    out().printf(Locale.ROOT, "Total return:   %s%n", Formats.pct(m.totalReturn()));
    out().printf(Locale.ROOT, "Buy and hold:   %s%n", Formats.pct(m.buyAndHoldReturn()));
    out().printf(Locale.ROOT, "Sharpe ratio:   %.2f%n", m.sharpeRatio());
    out().printf(Locale.ROOT, "Max drawdown:   %s%n", Formats.pct(m.maxDrawdown()));
    out()
        .printf(
            Locale.ROOT,
            "Trades:         %d, %s won, average %s%n",
            m.totalTrades(),
            Formats.pct(m.winRate()),
            Formats.pct(m.averageTradeReturn()));
    out()
        .printf(
            Locale.ROOT, "Exposure:       %s of bars in a position%n", Formats.pct(m.exposure()));
    return 0;
  }
}
