package dev.ktrdr.research.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeframeTest {
  @ParameterizedTest
  @CsvSource({
    "5m,5m",
    "5min,5m",
    "15 minutes,15m",
    "1h,1h",
    "1 hour,1h",
    "hourly,1h",
    "4H,4h",
    "1d,1d",
    "daily,1d",
    "1w,1w"
  })
  void parsesTheCommonSpellings(String text, String label) {
    assertThat(Timeframe.parse(text).label()).isEqualTo(label);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "fast", "0m", "5x", "m5"})
  void refusesOthersWithAHint(String text) {
    assertThatThrownBy(() -> Timeframe.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("e.g. 5m, 1h");
  }

  @ParameterizedTest
  @CsvSource({"1d,252", "1w,52", "1h,8760", "5m,105120"})
  void annualisesByMarketConvention(String tf, double perYear) {
    assertThat(Timeframe.parse(tf).periodsPerYear()).isEqualTo(perYear);
  }

  @ParameterizedTest
  @CsvSource({"5m,300", "1h,3600", "1d,86400"})
  void knowsItsLength(String tf, long seconds) {
    assertThat(Timeframe.parse(tf).duration()).isEqualTo(Duration.ofSeconds(seconds));
  }
}
