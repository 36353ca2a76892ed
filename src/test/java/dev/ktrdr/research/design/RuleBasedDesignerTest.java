package dev.ktrdr.research.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.data.BundledDatasets;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.model.ModelTrainer;
import dev.ktrdr.research.strategy.IndicatorType;
import dev.ktrdr.research.strategy.ModelType;
import dev.ktrdr.research.strategy.PositionMode;
import dev.ktrdr.research.strategy.StrategySpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleBasedDesignerTest {
  private final List<DatasetSummary> datasets =
      BundledDatasets.all().stream().map(Dataset::summary).toList();
  private final RuleBasedDesigner designer = new RuleBasedDesigner();

  private DesignResult design(String brief, long seed) {
    return designer.design(DesignRequest.of(brief, seed, datasets), CancelSignal.NONE);
  }

  @ParameterizedTest
  @CsvSource({
    "Explore RSI variations,rsi_",
    "mean reversion when oversold,mean_reversion_",
    "ride the momentum,momentum_",
    "volatility breakout,breakout_",
    "follow the trend,trend_",
    "make money,balanced_"
  })
  void theBriefPicksTheFamily(String brief, String prefix) {
    DesignResult r = design(brief, 5);
    assertThat(r.spec().name()).startsWith(prefix);
    assertThat(r.designer()).isEqualTo("rule_based");
    assertThat(r.inputTokens()).isZero();
    assertThat(r.explanation()).isNotBlank();
  }

  @ParameterizedTest
  @CsvSource({
    "RSI on apple,aapl-1d",
    "hourly bitcoin momentum,btcusd-1h",
    "ETH 5m breakout,ethusd-5m",
    "BTC/USD trend on 1 hour bars,btcusd-1h",
    "some strategy,btcusd-5m",
    "daily momentum,aapl-1d"
  })
  void theBriefPicksTheDataset(String brief, String dataset) {
    assertThat(design(brief, 1).spec().dataset()).isEqualTo(dataset);
  }

  @Test
  void requestFieldsOverrideTheBriefAndUnknownOnesAreRefused() {
    DesignRequest r = new DesignRequest("RSI on apple", 1, null, "ETH/USD", "5m", datasets, null);
    assertThat(designer.design(r, CancelSignal.NONE).spec().dataset()).isEqualTo("ethusd-5m");
    assertThatThrownBy(
            () ->
                designer.design(
                    new DesignRequest("x", 1, "nope", null, null, datasets, null),
                    CancelSignal.NONE))
        .hasMessageStartingWith("unknown dataset 'nope' (known: aapl-1d");
    assertThatThrownBy(
            () ->
                designer.design(
                    new DesignRequest("x", 1, null, "AAPL", "5m", datasets, null),
                    CancelSignal.NONE))
        .hasMessageStartingWith("no dataset for symbol AAPL at timeframe 5m");
  }

  @Test
  void oneSeedOneSpecAndSeedsExploreVariations() {
    StrategySpec a = design("Explore RSI variations", 11).spec();
    assertThat(design("Explore RSI variations", 11).spec()).isEqualTo(a);
    assertThat(a.seed()).isEqualTo(11);
    long distinct =
        java.util.stream.LongStream.range(0, 12)
            .mapToObj(
                s -> design("Explore RSI variations", s).spec().indicator("rsi").intParam("period"))
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(1);
  }

  @Test
  void modifiersInTheBriefAreHonoured() {
    StrategySpec s = design("aggressive long-short neural momentum, RSI 21", 3).spec();
    assertThat(s.positionMode()).isEqualTo(PositionMode.LONG_SHORT);
    assertThat(s.model().type()).isEqualTo(ModelType.MLP);
    assertThat(s.rules().entryThreshold()).isEqualTo(0.52);
    assertThat(s.indicators())
        .anySatisfy(
            i -> {
              assertThat(i.type()).isEqualTo(IndicatorType.RSI);
              assertThat(i.intParam("period")).isEqualTo(21);
            });
  }

  @Test
  void everyFamilyFitsEveryBundledDataset() {
    for (DatasetSummary d : datasets) {
      for (String brief : List.of("rsi", "mean reversion", "momentum", "breakout", "trend", "x")) {
        DesignResult r =
            designer.design(
                new DesignRequest(brief, 2, d.id(), null, null, datasets, null), CancelSignal.NONE);
        assertThat(ModelTrainer.minimumBars(r.spec()))
            .as(brief + " on " + d.id())
            .isLessThanOrEqualTo(d.barCount());
      }
    }
  }
}
