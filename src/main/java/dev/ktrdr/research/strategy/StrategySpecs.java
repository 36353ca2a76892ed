package dev.ktrdr.research.strategy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ktrdr.research.ResearchJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and checks strategy specs: first against {@link StrategySpecSchema}, then the rules. */
public final class StrategySpecs {
  private StrategySpecs() {}

  /**
   * A spec from JSON text.
   *
   * @throws SpecValidationException listing every problem (bad JSON included)
   */
  public static StrategySpec parse(String json) {
    JsonNode node;
    try {
      node = ResearchJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new SpecValidationException(List.of("not valid JSON: " + e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new SpecValidationException(List.of("a strategy spec must be a JSON object"));
    }
    return parse(node);
  }

  /** A spec from maps and lists (e.g. a stored {@link StrategySpec#toMap()}). */
  public static StrategySpec fromMap(Map<String, Object> map) {
    return parse(ResearchJson.mapper().valueToTree(map));
  }

  /**
   * A spec from a JSON tree.
   *
   * @throws SpecValidationException listing every problem
   */
  public static StrategySpec parse(JsonNode node) {
    List<String> problems = StrategySpecSchema.check(node);
    if (!problems.isEmpty()) {
      throw new SpecValidationException(problems);
    }
    List<IndicatorSpec> indicators = new ArrayList<>();
    for (JsonNode i : node.get("indicators")) {
      IndicatorType type = IndicatorType.fromWire(i.get("type").asText());
      Map<String, Double> params = new LinkedHashMap<>();
      for (ParamDef d : type.params()) {
        params.put(d.name(), i.get("params").get(d.name()).asDouble());
      }
      indicators.add(new IndicatorSpec(i.get("name").asText(), type, params));
    }
    List<String> features = new ArrayList<>();
    node.get("features").forEach(f -> features.add(f.asText()));
    JsonNode m = node.get("model");
    ModelType modelType = ModelType.fromWire(m.get("type").asText());
    ModelSpec model =
        new ModelSpec(
            modelType,
            m.get("epochs").asInt(),
            m.get("learning_rate").asDouble(),
            m.get("batch_size").asInt(),
            m.get("l2").asDouble(),
            modelType == ModelType.MLP ? m.get("hidden_units").asInt() : 0);
    JsonNode r = node.get("rules");
    StrategySpec spec =
        new StrategySpec(
            node.get("version").asInt(),
            node.get("name").asText(),
            node.get("dataset").asText(),
            indicators,
            features,
            node.get("label").get("horizon").asInt(),
            model,
            new RulesSpec(r.get("entry_threshold").asDouble(), r.get("exit_threshold").asDouble()),
            PositionMode.fromWire(node.get("position_mode").asText()),
            node.get("train_fraction").asDouble(),
            node.get("seed").asLong());
    checkRules(spec);
    return spec;
  }

  /**
   * Checks a spec built in code against the schema and the rules, as a model's spec would be.
   *
   * @throws SpecValidationException listing every problem
   */
  public static StrategySpec validate(StrategySpec spec) {
    return parse((JsonNode) ResearchJson.mapper().valueToTree(spec.toMap()));
  }

  /** The rules a schema cannot say: unique names, features that resolve, ordered parameters. */
  private static void checkRules(StrategySpec spec) {
    List<String> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < spec.indicators().size(); i++) {
      IndicatorSpec ind = spec.indicators().get(i);
      if (!names.add(ind.name())) {
        problems.add("$.indicators[" + i + "].name: '" + ind.name() + "' is used twice");
      }
      if (ind.type() == IndicatorType.MACD && ind.intParam("fast") >= ind.intParam("slow")) {
        problems.add(
            "$.indicators[" + i + "].params: macd fast period must be shorter than the slow one");
      }
    }
    try {
      spec.featureRefs();
    } catch (SpecValidationException e) {
      problems.addAll(e.problems());
    }
    if (spec.rules().exitThreshold() >= spec.rules().entryThreshold()) {
      problems.add("$.rules: exit_threshold must be below entry_threshold");
    }
    if (!problems.isEmpty()) {
      throw new SpecValidationException(problems);
    }
  }
}
