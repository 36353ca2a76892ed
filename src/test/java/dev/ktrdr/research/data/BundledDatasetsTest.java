package dev.ktrdr.research.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundledDatasetsTest {
  @Test
  void fourRealDatasetsWithSymbolsTimeframesAndSources() {
    List<DatasetSummary> all = BundledDatasets.all().stream().map(Dataset::summary).toList();
    assertThat(all)
        .extracting(DatasetSummary::id)
        .containsExactly("aapl-1d", "btcusd-5m", "btcusd-1h", "ethusd-5m");
    assertThat(all)
        .extracting(DatasetSummary::symbol)
        .containsExactly("AAPL", "BTC/USD", "BTC/USD", "ETH/USD");
    assertThat(all).extracting(DatasetSummary::timeframe).containsExactly("1d", "5m", "1h", "5m");
    assertThat(all).allSatisfy(s -> assertThat(s.source()).contains("ta4j-examples"));
  }

  @Test
  void appleIsTheTradingDaysOf2013() {
    Dataset d = BundledDatasets.find("aapl-1d").orElseThrow();
    assertThat(d.size()).isEqualTo(252);
    assertThat(d.bars().get(0))
        .isEqualTo(
            new Bar(
                Instant.parse("2013-01-02T00:00:00Z"), 553.82, 555.00, 541.63, 549.03, 20018500));
    assertThat(d.summary().lastBar()).isEqualTo(Instant.parse("2013-12-31T00:00:00Z"));
  }

  @Test
  void bitcoinBarsAreEvenlySpacedFromTheFirstTrade() {
    Dataset m5 = BundledDatasets.find("btcusd-5m").orElseThrow();
    Dataset h1 = BundledDatasets.find("btcusd-1h").orElseThrow();
    assertThat(m5.summary().firstBar()).isEqualTo(Instant.parse("2013-11-25T00:00:00Z"));
    assertThat(m5.bars().get(0).open()).isEqualTo(800.01); // the first trade's price
    for (int i = 1; i < m5.size(); i++) {
      assertThat(Duration.between(m5.bars().get(i - 1).time(), m5.bars().get(i).time()))
          .isEqualTo(Duration.ofMinutes(5));
    }
    assertThat(m5.size()).isGreaterThan(1500);
    assertThat(h1.size()).isGreaterThan(120);
  }

  @Test
  void anHourlyBarSummarisesItsTwelveFiveMinuteBars() {
    List<Bar> m5 = BundledDatasets.find("btcusd-5m").orElseThrow().bars();
    Bar hour = BundledDatasets.find("btcusd-1h").orElseThrow().bars().get(3);
    List<Bar> parts =
        m5.stream()
            .filter(
                b ->
                    !b.time().isBefore(hour.time())
                        && b.time().isBefore(hour.time().plus(Duration.ofHours(1))))
            .toList();
    assertThat(parts).hasSize(12);
    assertThat(hour.open()).isEqualTo(parts.get(0).open());
    assertThat(hour.close()).isEqualTo(parts.get(11).close());
    assertThat(hour.high()).isEqualTo(parts.stream().mapToDouble(Bar::high).max().orElseThrow());
    assertThat(hour.low()).isEqualTo(parts.stream().mapToDouble(Bar::low).min().orElseThrow());
    assertThat(hour.volume())
        .isCloseTo(
            parts.stream().mapToDouble(Bar::volume).sum(),
            org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void etherBarsOpenFiveMinutesBeforeTheirEndTime() {
    Dataset d = BundledDatasets.find("ethusd-5m").orElseThrow();
    // first record: endTime 1678730699999 → opens at 1678730400000 (2023-03-13T18:00:00Z)
    assertThat(d.bars().get(0).time()).isEqualTo(Instant.ofEpochMilli(1678730400000L));
    assertThat(d.bars().get(0).close()).isEqualTo(1672.99);
    assertThat(d.size()).isGreaterThan(500);
  }

  @Test
  void unknownIdsAreNotBundled() {
    assertThat(BundledDatasets.find("nope")).isEmpty();
    assertThat(BundledDatasets.isBundled("aapl-1d")).isTrue();
  }
}
