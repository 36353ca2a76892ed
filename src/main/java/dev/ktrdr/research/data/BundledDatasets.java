package dev.ktrdr.research.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktrdr.research.ResearchJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The real price data that ships with the program: the sample data of the ta4j project (MIT
 * licence), read from the {@code org.ta4j:ta4j-examples} jar's resources. Each dataset is read on
 * first use and kept.
 *
 * <ul>
 *   <li>{@code aapl-1d}: Apple Inc. daily bars, 2013
 *   <li>{@code btcusd-5m}, {@code btcusd-1h}: Bitstamp BTC/USD trades from 2013-11-25 (about six
 *       days), aggregated to 5-minute and 1-hour bars by {@link TradeAggregator}
 *   <li>{@code ethusd-5m}: ETH/USD 5-minute bars from Binance.US, 2023-03-13 to 2023-03-15
 * </ul>
 */
public final class BundledDatasets {
  public static final String AAPL_1D = "aapl-1d";
  public static final String BTCUSD_5M = "btcusd-5m";
  public static final String BTCUSD_1H = "btcusd-1h";
  public static final String ETHUSD_5M = "ethusd-5m";

  private static final String AAPL_FILE = "appleinc_bars_from_20130101_usd.csv";
  private static final String BTC_FILE = "bitstamp_trades_from_20131125_usd.csv";
  private static final String ETH_FILE = "ETH-USD-PT5M-2023-3-13_2023-3-15.json";
  private static final String ORIGIN = "ta4j-examples 0.18 (MIT licence): ";

  private static final Map<String, Supplier<Dataset>> LOADERS = new LinkedHashMap<>();
  private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();

  static {
    LOADERS.put(AAPL_1D, BundledDatasets::apple);
    LOADERS.put(BTCUSD_5M, () -> bitstamp().get(BTCUSD_5M));
    LOADERS.put(BTCUSD_1H, () -> bitstamp().get(BTCUSD_1H));
    LOADERS.put(ETHUSD_5M, BundledDatasets::ether);
  }

  private BundledDatasets() {}

  /** The ids of the bundled datasets, in listing order. */
  public static List<String> ids() {
    return List.copyOf(LOADERS.keySet());
  }

  /** True if {@code id} names a bundled dataset. */
  public static boolean isBundled(String id) {
    return LOADERS.containsKey(id);
  }

  /** The bundled dataset {@code id}, loaded on first use. */
  public static Optional<Dataset> find(String id) {
    Supplier<Dataset> loader = LOADERS.get(id);
    if (loader == null) {
      return Optional.empty();
    }
    return Optional.of(CACHE.computeIfAbsent(id, k -> loader.get()));
  }

  /** All bundled datasets (loading any not yet loaded). */
  public static List<Dataset> all() {
    List<Dataset> out = new ArrayList<>();
    for (String id : LOADERS.keySet()) {
      out.add(find(id).orElseThrow());
    }
    return out;
  }

  private static Dataset apple() {
    try (Reader r = resource(AAPL_FILE)) {
      Dataset d =
          CsvImporter.importCsv(r, AAPL_FILE, AAPL_1D, "AAPL", Timeframe.parse("1d")).dataset();
      return new Dataset(d.id(), d.symbol(), d.timeframe(), ORIGIN + AAPL_FILE, d.bars());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Both BTC/USD datasets from one pass over the 100,000 trades. */
  private static synchronized Map<String, Dataset> bitstamp() {
    Timeframe m5 = Timeframe.parse("5m");
    Timeframe h1 = Timeframe.parse("1h");
    TradeAggregator fine = new TradeAggregator(m5);
    TradeAggregator coarse = new TradeAggregator(h1);
    try (BufferedReader r = new BufferedReader(resource(BTC_FILE))) {
      String line = r.readLine(); // header: timestamp,price,amount
      while ((line = r.readLine()) != null) {
        int a = line.indexOf(',');
        int b = line.indexOf(',', a + 1);
        if (a < 0 || b < 0) {
          continue;
        }
        Instant time = Instant.ofEpochSecond(Long.parseLong(line.substring(0, a)));
        double price = Double.parseDouble(line.substring(a + 1, b));
        double amount = Double.parseDouble(line.substring(b + 1));
        fine.add(time, price, amount);
        coarse.add(time, price, amount);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String source = ORIGIN + BTC_FILE + " (Bitstamp trades, aggregated)";
    return Map.of(
        BTCUSD_5M, new Dataset(BTCUSD_5M, "BTC/USD", m5, source, fine.bars()),
        BTCUSD_1H, new Dataset(BTCUSD_1H, "BTC/USD", h1, source, coarse.bars()));
  }

  private static Dataset ether() {
    Timeframe tf = Timeframe.parse("5m");
    long step = tf.duration().toMillis();
    List<Bar> bars = new ArrayList<>();
    try (Reader r = resource(ETH_FILE)) {
      JsonNode root = ResearchJson.mapper().readTree(r);
      for (JsonNode b : root.path("ohlc")) {
        // endTime is the last millisecond of the bar; the bar opens one step earlier
        long open = b.path("endTime").asLong() + 1 - step;
        bars.add(
            new Bar(
                Instant.ofEpochMilli(open),
                b.path("openPrice").asDouble(),
                b.path("highPrice").asDouble(),
                b.path("lowPrice").asDouble(),
                b.path("closePrice").asDouble(),
                b.path("volume").asDouble()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Dataset(ETHUSD_5M, "ETH/USD", tf, ORIGIN + ETH_FILE + " (Binance.US)", bars);
  }

  private static Reader resource(String name) {
    InputStream in = BundledDatasets.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          "bundled data " + name + " is missing from the class path (org.ta4j:ta4j-examples)");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
