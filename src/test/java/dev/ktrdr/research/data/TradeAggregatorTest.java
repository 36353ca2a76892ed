package dev.ktrdr.research.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TradeAggregatorTest {
  @Test
  void tradesBecomeBarsAndAQuietIntervalAFlatBar() {
    TradeAggregator a = new TradeAggregator(Timeframe.parse("5m"));
    a.add(Instant.ofEpochSecond(10), 100, 1);
    a.add(Instant.ofEpochSecond(20), 105, 2);
    a.add(Instant.ofEpochSecond(299), 99, 1);
    a.add(Instant.ofEpochSecond(610), 101, 4); // 300–600 had no trade
    assertThat(a.bars())
        .containsExactly(
            new Bar(Instant.ofEpochSecond(0), 100, 105, 99, 99, 4),
            new Bar(Instant.ofEpochSecond(300), 99, 99, 99, 99, 0),
            new Bar(Instant.ofEpochSecond(600), 101, 101, 101, 101, 4));
  }

  @Test
  void refusesTradesOutOfOrderOrWithoutPrice() {
    TradeAggregator a = new TradeAggregator(Timeframe.parse("5m"));
    a.add(Instant.ofEpochSecond(600), 100, 1);
    assertThatThrownBy(() -> a.add(Instant.ofEpochSecond(10), 100, 1))
        .hasMessageContaining("time order");
    assertThatThrownBy(() -> a.add(Instant.ofEpochSecond(700), 0, 1))
        .hasMessageContaining("positive");
  }
}
