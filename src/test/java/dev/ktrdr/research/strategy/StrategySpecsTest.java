package dev.ktrdr.research.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.research.Fixtures;
import dev.ktrdr.research.ResearchJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategySpecsTest {
  private final StrategySpec spec = Fixtures.everyIndicator("btcusd-5m", 42, 50);

  @Test
  void aSpecSurvivesJsonBothWays() {
    assertThat(StrategySpecs.parse(spec.toJson())).isEqualTo(spec);
    assertThat(StrategySpecs.fromMap(spec.toMap())).isEqualTo(spec);
    assertThat(StrategySpecs.validate(spec)).isEqualTo(spec);
  }

  @Test
  void theJsonUsesSnakeCaseKeys() {
    Map<String, Object> m = spec.toMap();
    assertThat(m)
        .containsKeys(
            "version",
            "name",
            "dataset",
            "indicators",
            "features",
            "label",
            "model",
            "rules",
            "position_mode",
            "train_fraction",
            "seed");
    assertThat(m.get("label")).isEqualTo(Map.of("type", "direction", "horizon", 3));
  }

  @Test
  void theSchemaIsDraft2020AndListsEveryIndicator() {
    String schema = StrategySpecSchema.json();
    assertThat(schema).contains("https://json-schema.org/draft/2020-12/schema");
    for (IndicatorType t : IndicatorType.values()) {
      assertThat(schema).contains("\"" + t.wireName() + "\"");
    }
  }

  private static String edit(StrategySpec s, String path, Object value) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m =
        (Map<String, Object>) ResearchJson.readMap(ResearchJson.write(s.toMap()));
    String[] keys = path.split("\\.");
    Map<String, Object> at = m;
    for (int i = 0; i < keys.length - 1; i++) {
      @SuppressWarnings("unchecked")
      Map<String, Object> next = (Map<String, Object>) at.get(keys[i]);
      at = next;
    }
    if (value == null) {
      at.remove(keys[keys.length - 1]);
    } else {
      at.put(keys[keys.length - 1], value);
    }
    return ResearchJson.write(m);
  }

  @Test
  void schemaProblemsNameThePathAndTheRule() {
    assertThatThrownBy(() -> StrategySpecs.parse(edit(spec, "label.horizon", 500)))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageStartingWith("invalid strategy spec: ")
        .hasMessageContaining("$.label.horizon")
        .hasMessageContaining("50");
    assertThatThrownBy(() -> StrategySpecs.parse(edit(spec, "model.type", "forest")))
        .hasMessageContaining("$.model.type");
    assertThatThrownBy(() -> StrategySpecs.parse(edit(spec, "seed", null)))
        .hasMessageContaining("seed");
    assertThatThrownBy(() -> StrategySpecs.parse(edit(spec, "colour", "blue")))
        .hasMessageContaining("colour");
  }

  @Test
  void indicatorParametersAreCheckedPerType() {
    String json = spec.toJson().replace("\"period\" : 9", "\"period\" : 1");
    assertThatThrownBy(() -> StrategySpecs.parse(json))
        .hasMessageContaining("$.indicators[0].params.period");
  }

  @Test
  void rulesTheSchemaCannotSayAreCheckedToo() {
    StrategySpec bad =
        new StrategySpec(
            1,
            "bad",
            "d",
            List.of(
                IndicatorSpec.of(
                    "m", IndicatorType.MACD, Map.of("fast", 26, "slow", 12, "signal", 9)),
                IndicatorSpec.of("m", IndicatorType.RSI, Map.of())),
            List.of("m.hist", "nope", "m.width"),
            3,
            ModelSpec.logistic(10),
            new RulesSpec(0.5, 0.5),
            PositionMode.LONG_ONLY,
            0.7,
            1);
    assertThatThrownBy(() -> StrategySpecs.validate(bad))
        .isInstanceOfSatisfying(
            SpecValidationException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "$.indicators[1].name: 'm' is used twice",
                        "$.indicators[0].params: macd fast period must be shorter than the slow one",
                        "$.features[1]: 'nope' names no indicator (have [m, m])",
                        "$.rules: exit_threshold must be below entry_threshold"));
  }

  @Test
  void notJsonAtAllIsSaidSo() {
    assertThatThrownBy(() -> StrategySpecs.parse("{\"version\": 1,"))
        .hasMessageStartingWith("invalid strategy spec: not valid JSON");
    assertThatThrownBy(() -> StrategySpecs.parse("[1, 2]"))
        .hasMessageContaining("must be a JSON object");
  }

  @Test
  void anMlpNeedsItsHiddenUnits() {
    String json = edit(spec, "model.type", "mlp");
    assertThatThrownBy(() -> StrategySpecs.parse(json)).hasMessageContaining("hidden_units");
  }
}
