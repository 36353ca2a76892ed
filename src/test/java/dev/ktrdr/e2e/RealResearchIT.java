package dev.ktrdr.e2e;

import static dev.ktrdr.e2e.KtrdrProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.e2e.KtrdrProcess.Cli;
import dev.ktrdr.e2e.KtrdrProcess.Server;
import dev.ktrdr.research.data.Bar;
import dev.ktrdr.research.data.BundledDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real research against the real jar, driven by the real CLI: bring your own data, look at it,
 * backtest it by hand, research it, cancel a research mid-training, and find the data again after a
 * restart. The data is small (a year of daily bars), so each research takes about a second.
 */
class RealResearchIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, String> REAL =
      Map.of("USE_STUB_WORKERS", "false", "LOCAL_TRAINING_WORKERS", "2");

  @TempDir Path dir;

  /** The bundled 2013 Apple bars as a CSV file, with one duplicate and one row out of order. */
  private Path csv() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("Date,Open,High,Low,Close,Volume");
    for (Bar b : BundledDatasets.find(BundledDatasets.AAPL_1D).orElseThrow().bars()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s,%s,%s,%s,%s,%s",
              b.time().atZone(ZoneOffset.UTC).toLocalDate(),
              b.open(),
              b.high(),
              b.low(),
              b.close(),
              b.volume()));
    }
    lines.add(lines.get(10)); // a duplicate time
    String moved = lines.remove(20); // a row out of order
    lines.add(30, moved);
    Path file = dir.resolve("apple.csv");
    Files.write(file, lines);
    return file;
  }

  @Test
  void importBacktestResearchAndCancelRealWorkFromTheCli() throws Exception {
    Path db = dir.resolve("real.db");
    Path file = csv();
    try (Server server = Server.start(dir, db, REAL, "real")) {
      String url = server.url();

      // Bring your own data; the report says what the file had.
      Cli imported =
          cli(
              url,
              "data",
              "import",
              file.toString(),
              "--symbol",
              "AAPL",
              "--timeframe",
              "1d",
              "--name",
              "apple-1d");
      assertThat(imported.code()).as(imported.err()).isZero();
      assertThat(imported.out())
          .startsWith("Imported apple-1d: AAPL 1d, 252 bars from 2013-01-02")
          .contains("1 duplicate time(s)")
          .contains("out of time order");
      Path bad = dir.resolve("bad.csv");
      Files.writeString(
          bad, "date,open,high,low,close\n2024-01-02,1,2,0.5,1.5\n2024-01-03,1,2,x,1\n");
      Cli refused =
          cli(url, "data", "import", bad.toString(), "--symbol", "X", "--timeframe", "1d");
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).startsWith("Cannot import: bad.csv line 3:");

      Cli list = cli(url, "data", "list");
      assertThat(list.code()).isZero();
      assertThat(list.out())
          .contains("btcusd-5m")
          .contains("aapl-1d")
          .containsPattern("apple-1d +AAPL +1d +2013-01-02 +2013-12-31 +252 +imported: apple.csv")
          .containsPattern("btcusd-5m +BTC/USD +5m +2013-11-25 00:00 +")
          .endsWith("5 datasets\n");

      // One backtest by hand, text and JSON.
      Cli bt =
          cli(
              url,
              "backtest",
              "--dataset",
              "apple-1d",
              "--strategy",
              "sma_cross",
              "--param",
              "fast=10",
              "--param",
              "slow=20");
      assertThat(bt.code()).as(bt.err()).isZero();
      assertThat(bt.out())
          .startsWith(
              "Backtest sma_cross (fast=10, slow=20) on apple-1d, long-only, commission 0.002")
          .contains("Sharpe ratio:")
          .contains("Buy and hold:");
      Cli btJson =
          cli(
              url,
              "backtest",
              "--dataset",
              "apple-1d",
              "--strategy",
              "sma_cross",
              "--param",
              "fast=10",
              "--param",
              "slow=20",
              "--long-short",
              "--json");
      JsonNode metrics = MAPPER.readTree(btJson.out()).get("metrics");
      assertThat(metrics.get("total_trades").asInt()).isPositive();
      assertThat(MAPPER.readTree(btJson.out()).get("position_mode").asText())
          .isEqualTo("long_short");

      // A real research on the imported data, by symbol and timeframe, completes.
      String done =
          cli(
                  url,
                  "agent",
                  "trigger",
                  "--brief",
                  "RSI mean reversion",
                  "--symbol",
                  "AAPL",
                  "--timeframe",
                  "1d",
                  "--seed",
                  "11",
                  "--bypass-gates")
              .triggeredId();
      await().atMost(KtrdrProcess.WAIT).until(() -> server.status(done).equals("completed"));
      assertThat(server.param(done, "dataset_id"))
          .as("the first AAPL 1d listed")
          .isEqualTo("aapl-1d");
      Cli get = cli(url, "ops", "get", done);
      assertThat(get.out())
          .contains("strategy_spec:")
          .contains("training_result:")
          .contains("\"accuracy\":")
          .contains("backtest_result:");
      JsonNode full = MAPPER.readTree(cli(url, "ops", "get", done, "--json").out());
      JsonNode training = null;
      for (JsonNode c : full.get("children")) {
        if (c.get("operation_type").asText().equals("training")) {
          training = c;
        }
      }
      assertThat(training).isNotNull();
      int epochs = training.path("result_summary").path("epochs").asInt();
      assertThat(training.path("result_summary").path("loss_curve").size()).isEqualTo(epochs + 1);

      // A research on the imported dataset itself, by id, held mid-training and cancelled.
      String held =
          cli(
                  url,
                  "agent",
                  "trigger",
                  "--brief",
                  "trend INJECT_HOLD:training",
                  "--dataset",
                  "apple-1d")
              .triggeredId();
      await()
          .atMost(KtrdrProcess.WAIT)
          .until(
              () ->
                  server.phase(held).equals("training")
                      && server
                          .operation(server.param(held, "training_op_id"))
                          .path("progress")
                          .path("current_step")
                          .asText()
                          .startsWith("Epoch 1/"));
      String child = server.param(held, "training_op_id");
      Cli cancel = cli(url, "agent", "cancel", held);
      assertThat(cancel.out().trim()).isEqualTo("Research cancelled: " + held);
      assertThat(server.status(held)).isEqualTo("cancelled");
      assertThat(server.status(child)).isEqualTo("cancelled");
      await()
          .atMost(KtrdrProcess.WAIT)
          .until(
              () ->
                  server.stderrLines().stream()
                      .anyMatch(l -> l.contains("stopped " + child + " on its cancel")));
      server
          .get("/api/v1/workers")
          .forEach(w -> assertThat(w.get("status").asText()).isEqualTo("available"));
      assertThat(server.operation(child).get("result_summary").isNull()).isTrue();
      assertThat(server.stderrLines())
          .noneMatch(l -> l.contains(" ERROR ") || l.contains("Exception"));
    }

    // The imported data is in the database: it survives a restart.
    try (Server again = Server.start(dir, db, REAL, "again")) {
      assertThat(cli(again.url(), "data", "list").out()).contains("apple-1d");
    }
  }
}
