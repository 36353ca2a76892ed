package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.research.data.BundledDatasets;
import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.ApiHarness.Reply;
import dev.ktrdr.testing.Fixtures;
import dev.ktrdr.testing.TestEngine;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /data}, {@code /data/import} and {@code /backtest} through the real server. */
class DataApiTest {
  private static final String P = ApiServer.PREFIX;

  @TempDir static Path dir;
  static ApiHarness api;

  @BeforeAll
  static void start() {
    api = ApiHarness.start(dir.resolve("data.db"), TestEngine.realSettings());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static String importBody(String csv, String symbol, String tf, String name) {
    ObjectNode b = ApiJson.mapper().createObjectNode().put("csv", csv).put("symbol", symbol);
    b.put("timeframe", tf);
    if (name != null) {
      b.put("name", name);
    }
    return b.put("file_name", "prices.csv").toString();
  }

  /** {@code rows} daily bars from 2020-01-01, a gentle wave. */
  private static String dailyCsv(int rows) {
    StringBuilder b = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume\n");
    java.time.LocalDate d = java.time.LocalDate.of(2020, 1, 1);
    for (int i = 0; i < rows; i++) {
      double c = 100 + 10 * Math.sin(i / 9.0) + i * 0.01;
      b.append(
          String.format(
              Locale.ROOT,
              "%s,%.4f,%.4f,%.4f,%.4f,%.4f,%d%n",
              d.plusDays(i),
              c - 0.3,
              c + 1,
              c - 1,
              c,
              c,
              1000 + i));
    }
    return b.toString();
  }

  @Test
  void theListShowsTheBundledDatasetsWithTheirExtent() {
    Reply r = api.get(P + "/data");
    assertThat(r.status()).isEqualTo(200);
    JsonNode first = r.json().get("data").get(0);
    assertThat(first.get("id").asText()).isEqualTo(BundledDatasets.AAPL_1D);
    assertThat(first.get("symbol").asText()).isEqualTo("AAPL");
    assertThat(first.get("timeframe").asText()).isEqualTo("1d");
    assertThat(first.get("bar_count").asInt()).isEqualTo(252);
    assertThat(first.get("first_bar").asText()).isEqualTo("2013-01-02T00:00:00.000Z");
    assertThat(first.get("source").asText()).contains("ta4j-examples");
    assertThat(r.json().get("data"))
        .extracting(d -> d.get("id").asText())
        .containsSubsequence("aapl-1d", "btcusd-5m", "btcusd-1h", "ethusd-5m");
  }

  @Test
  void anImportLargerThanTheOrdinaryBodyLimitIsStoredAndReported() {
    String csv = dailyCsv(3000); // about 200 KB: over the 64 KB of every other route
    assertThat(csv.length()).isGreaterThan(ApiServer.MAX_BODY_BYTES);
    Reply r = api.post(P + "/data/import", importBody(csv, "WAVE", "1d", null));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode d = r.json().get("dataset");
    assertThat(d.get("id").asText()).isEqualTo("wave-1d");
    assertThat(d.get("bar_count").asInt()).isEqualTo(3000);
    assertThat(d.get("source").asText()).isEqualTo("imported: prices.csv");
    assertThat(r.json().get("report").get("rows_read").asInt()).isEqualTo(3000);
    assertThat(r.json().get("messages").get(0).asText())
        .isEqualTo("3000 bars imported from 3000 rows");
    assertThat(api.get(P + "/data").json().get("data"))
        .extracting(x -> x.get("id").asText())
        .endsWith("wave-1d");

    Reply again = api.post(P + "/data/import", importBody(csv, "WAVE", "1d", null));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("error").asText())
        .isEqualTo("a dataset with id 'wave-1d' already exists (choose another id or replace it)");
  }

  @Test
  void aFileWithABadRowIsRefusedWithItsLineAndNothingIsStored() {
    Reply r =
        api.post(
            P + "/data/import", importBody(Fixtures.csv("bad_number.csv"), "BAD", "1d", "bad-one"));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().get("error").asText()).startsWith("prices.csv line 3: ");
    assertThat(api.get(P + "/data").body()).doesNotContain("bad-one");
  }

  @Test
  void theReportSaysWhatTheFileHad() {
    Reply r =
        api.post(P + "/data/import", importBody(Fixtures.csv("messy.csv"), "M", "1d", "messy"));
    assertThat(r.status()).isEqualTo(201);
    JsonNode report = r.json().get("report");
    assertThat(report.get("duplicates").get("count").asInt()).isEqualTo(1);
    assertThat(report.get("unsorted_rows").get("count").asInt()).isEqualTo(1);
    assertThat(report.get("non_positive_prices").get("count").asInt()).isEqualTo(1);
    assertThat(report.get("gaps").get("count").asInt()).isPositive();
    assertThat(report.get("clean").asBoolean()).isFalse();
  }

  @Test
  void missingOrBadFieldsAreRefusedByName() {
    assertThat(api.post(P + "/data/import", "{\"symbol\": \"X\", \"timeframe\": \"1d\"}").body())
        .contains("Missing required field 'csv'");
    Reply badTf =
        api.post(P + "/data/import", importBody(Fixtures.csv("basic.csv"), "X", "fortnight", null));
    assertThat(badTf.status()).isEqualTo(422);
    assertThat(badTf.json().get("error").asText()).contains("fortnight");
    Reply bundled =
        api.post(P + "/data/import", importBody(Fixtures.csv("basic.csv"), "X", "1d", "aapl-1d"));
    assertThat(bundled.status()).isEqualTo(422);
    assertThat(bundled.json().get("error").asText()).contains("belongs to a bundled dataset");
    Reply unknown = api.post(P + "/data/import", "{\"csv\": \"x\", \"sep\": \";\"}");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().get("error").asText()).startsWith("Unknown field 'sep'");
  }

  @Test
  void anImportOverItsLimitIsRefusedBeforeItIsRead() throws Exception {
    try (Socket s = new Socket("127.0.0.1", api.server().port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/v1/data/import HTTP/1.1\r\nHost: 127.0.0.1:"
                  + api.server().port()
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + (ApiServer.MAX_IMPORT_BYTES + 1)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 413");
      assertThat(answer).contains("at most 33554432 bytes (32 MB)");
    }
  }

  @Test
  void aBacktestByHandAnswersItsMetricsCurveAndTrades() {
    Reply r =
        api.post(
            P + "/backtest",
            "{\"dataset\": \"btcusd-1h\", \"strategy\": \"ema_cross\","
                + " \"params\": {\"fast\": 5, \"slow\": 12}, \"commission\": 0.001}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode b = r.json();
    assertThat(b.get("bars").asInt()).isEqualTo(161);
    assertThat(b.get("commission").asDouble()).isEqualTo(0.001);
    assertThat(b.get("position_mode").asText()).isEqualTo("long_only");
    int trades = b.get("metrics").get("total_trades").asInt();
    assertThat(trades).isPositive();
    assertThat(b.get("trades").size() + b.get("trades_omitted").asInt()).isEqualTo(trades);
    assertThat(b.get("equity_curve").size()).isBetween(2, 500);
    assertThat(b.get("params").get("fast").asDouble()).isEqualTo(5);
  }

  @Test
  void aBacktestOfAnUnknownDatasetOrStrategyOrABadParameterIsRefusedByName() {
    Reply dataset =
        api.post(P + "/backtest", "{\"dataset\": \"nope\", \"strategy\": \"sma_cross\"}");
    assertThat(dataset.status()).isEqualTo(422);
    assertThat(dataset.json().get("error").asText()).startsWith("unknown dataset 'nope'");
    Reply strategy =
        api.post(P + "/backtest", "{\"dataset\": \"aapl-1d\", \"strategy\": \"magic\"}");
    assertThat(strategy.json().get("error").asText()).startsWith("unknown strategy 'magic'");
    Reply param =
        api.post(
            P + "/backtest",
            "{\"dataset\": \"aapl-1d\", \"strategy\": \"sma_cross\","
                + " \"params\": {\"fast\": 30, \"slow\": 20}}");
    assertThat(param.json().get("error").asText()).isEqualTo("fast must be smaller than slow");
    Reply text =
        api.post(
            P + "/backtest",
            "{\"dataset\": \"aapl-1d\", \"strategy\": \"sma_cross\", \"params\": {\"fast\": \"10\"}}");
    assertThat(text.status()).isEqualTo(422);
    assertThat(text.json().get("error").asText()).contains("'params.fast' must be a number");
    Reply commission =
        api.post(
            P + "/backtest",
            "{\"dataset\": \"aapl-1d\", \"strategy\": \"sma_cross\", \"commission\": 0.5}");
    assertThat(commission.json().get("error").asText()).contains("commission must be");
  }

  @Test
  void aTriggerNamesADatasetAndAnUnknownOneIsA422() {
    Reply ok =
        api.post(
            P + "/agent/trigger",
            "{\"brief\": \"INJECT_HOLD:design api\", \"symbol\": \"ETH/USD\", \"seed\": 77}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(202);
    String id = ok.json().get("operation_id").asText();
    JsonNode params =
        api.get(P + "/operations/" + id).json().get("data").get("metadata").get("parameters");
    assertThat(params.get("dataset_id").asText()).isEqualTo(BundledDatasets.ETHUSD_5M);
    assertThat(params.get("seed").asLong()).isEqualTo(77);
    api.delete(P + "/agent/cancel/" + id);

    Reply bad = api.post(P + "/agent/trigger", "{\"dataset\": \"nope\"}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().get("error").asText()).startsWith("unknown dataset 'nope' (known: ");
    Reply seed = api.post(P + "/agent/trigger", "{\"seed\": -3}");
    assertThat(seed.status()).isEqualTo(422);
    assertThat(seed.json().get("error").asText()).contains("seed must be");
    Reply seedText = api.post(P + "/agent/trigger", "{\"seed\": \"3\"}");
    assertThat(seedText.status()).isEqualTo(422);
  }
}
