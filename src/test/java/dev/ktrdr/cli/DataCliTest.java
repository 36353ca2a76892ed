package dev.ktrdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.app.KtrdrCommand;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.Fixtures;
import dev.ktrdr.testing.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ktrdr data list|import}, {@code ktrdr backtest} and the trigger's dataset options, run
 * in-process against a real server doing real research: output, JSON and exit codes.
 */
class DataCliTest {
  @TempDir static Path dir;
  static ApiHarness api;

  @BeforeAll
  static void start() {
    api = ApiHarness.start(dir.resolve("cli.db"), TestEngine.realSettings());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  static Run ktrdr(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--url");
    all.add(api.url());
    CommandLine cl = KtrdrCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(all.toArray(new String[0]));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void dataListPrintsATableAndJson() throws Exception {
    Run r = ktrdr("data", "list");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith("ID ")
        .contains("FIRST BAR (UTC)")
        .containsPattern("aapl-1d +AAPL +1d +2013-01-02 +2013-12-31 +252 +ta4j-examples")
        .containsPattern("ethusd-5m +ETH/USD +5m +2023-03-13 18:00 +2023-03-15 18:15 +580");
    Run json = ktrdr("data", "list", "--json");
    assertThat(json.json().get("success").asBoolean()).isTrue();
    assertThat(json.json().get("data").get(1).get("id").asText()).isEqualTo("btcusd-5m");
  }

  @Test
  void importStoresTheFileAndPrintsWhatItFound() throws Exception {
    Path file = Fixtures.csvFile("messy.csv");
    Run r =
        ktrdr(
            "data",
            "import",
            file.toString(),
            "--symbol",
            "MSY",
            "--timeframe",
            "1d",
            "--name",
            "messy-cli");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("Imported messy-cli: MSY 1d, ")
        .contains("1 duplicate time(s); the first row of each time was kept (line ")
        .contains("row(s) with a price of zero or less were left out");
    assertThat(ktrdr("data", "list").out()).contains("messy-cli");

    Run again =
        ktrdr(
            "data",
            "import",
            file.toString(),
            "--symbol",
            "MSY",
            "--timeframe",
            "1d",
            "--name",
            "messy-cli");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err())
        .startsWith("Cannot import: a dataset with id 'messy-cli' already exists");
  }

  @Test
  void aBadFileOrAMissingFileIsOneLineOnStderrAndExit1() {
    Run bad =
        ktrdr(
            "data",
            "import",
            Fixtures.csvFile("bad_date.csv").toString(),
            "--symbol",
            "X",
            "--timeframe",
            "1d");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).startsWith("Cannot import: bad_date.csv line ");
    assertThat(bad.err().strip()).doesNotContain("\n");

    Run missing =
        ktrdr(
            "data",
            "import",
            dir.resolve("nope.csv").toString(),
            "--symbol",
            "X",
            "--timeframe",
            "1d");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err().strip())
        .endsWith("Cannot import: no such file: " + dir.resolve("nope.csv"));
  }

  @Test
  void importNeedsItsSymbolAndTimeframe() throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), Fixtures.csv("basic.csv"));
    Run r = ktrdr("data", "import", file.toString(), "--timeframe", "1d");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--symbol=S'");
  }

  @Test
  void backtestPrintsTheMetricsAndJsonHasThemAll() throws Exception {
    Run r =
        ktrdr(
            "backtest",
            "--dataset",
            "btcusd-1h",
            "--strategy",
            "rsi_reversion",
            "--param",
            "period=10",
            "--long-short",
            "--commission",
            "0.001");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith(
            "Backtest rsi_reversion (period=10) on btcusd-1h, long-short, commission 0.001\n")
        .contains("Bars:           161, opening 2013-11-25 00:00 to 2013-12-01 16:00 UTC")
        .contains("Total return:   ")
        .contains("Sharpe ratio:   ")
        .contains("Max drawdown:   ");
    Run json =
        ktrdr(
            "backtest",
            "--dataset",
            "btcusd-1h",
            "--strategy",
            "rsi_reversion",
            "--param",
            "period=10",
            "--long-short",
            "--commission",
            "0.001",
            "--json");
    JsonNode m = json.json().get("metrics");
    assertThat(r.out())
        .contains(
            String.format(
                java.util.Locale.ROOT, "Sharpe ratio:   %.2f", m.get("sharpe_ratio").asDouble()))
        .contains("Trades:         " + m.get("total_trades").asInt() + ", ");
  }

  @Test
  void backtestRefusalsExitWithTheirReason() {
    Run unknown = ktrdr("backtest", "--dataset", "nope", "--strategy", "sma_cross");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("Cannot backtest: unknown dataset 'nope'");
    Run badParam =
        ktrdr("backtest", "--dataset", "aapl-1d", "--strategy", "sma_cross", "--param", "fast=x");
    assertThat(badParam.code()).isEqualTo(2);
    assertThat(badParam.err()).contains("Invalid --param fast=x: the value must be a number");
    Run noStrategy = ktrdr("backtest", "--dataset", "aapl-1d");
    assertThat(noStrategy.code()).isEqualTo(2);
  }

  @Test
  void triggerTakesASymbolAndTimeframeAndOpsGetShowsTheRealResults() throws Exception {
    Run t =
        ktrdr(
            "agent",
            "trigger",
            "--brief",
            "RSI",
            "--symbol",
            "AAPL",
            "--timeframe",
            "1d",
            "--seed",
            "5",
            "--bypass-gates");
    assertThat(t.code()).as(t.err()).isZero();
    String id = t.out().strip().substring("Research triggered: ".length());
    api.engine().awaitStatus(id, OperationStatus.COMPLETED);
    Run get = ktrdr("ops", "get", id);
    assertThat(get.out())
        .contains("  dataset_id: aapl-1d")
        .contains("  seed: 5")
        .contains("  strategy_spec: {\"version\":1,");
    String training = api.engine().childOf(id, Phase.TRAINING);
    Run child = ktrdr("ops", "get", training);
    assertThat(child.out())
        .containsPattern("  loss_curve: \\d+ values, 0\\.69\\d* … 0\\.\\d+\n")
        .contains("  model: {\"type\":");
    String backtest = api.engine().childOf(id, Phase.BACKTESTING);
    assertThat(ktrdr("ops", "get", backtest).out())
        .containsPattern("  equity_curve: \\d+ items \\(--json shows them\\)\n");

    Run unknown =
        ktrdr("agent", "trigger", "--brief", "x", "--symbol", "MSFT", "--timeframe", "1d");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err())
        .startsWith("Cannot trigger: no dataset for symbol MSFT at timeframe 1d");
  }
}
