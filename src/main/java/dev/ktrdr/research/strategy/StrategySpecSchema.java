package dev.ktrdr.research.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ktrdr.research.ResearchJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schema (draft 2020-12) of a {@link StrategySpec}: given to the model in the design
 * prompt and used to check every spec, the model's and our own. It is built from the enums and
 * parameter definitions, so it cannot drift from the code that reads specs.
 */
public final class StrategySpecSchema {
  static final String NAME_PATTERN = "^[a-z][a-z0-9_]{0,63}$";
  static final String INDICATOR_NAME_PATTERN = "^[a-z][a-z0-9_]{0,31}$";
  static final String FEATURE_PATTERN = "^[a-z][a-z0-9_]{0,31}(\\.[a-z_]+)?$";
  static final ParamDef HORIZON = ParamDef.integer("horizon", 1, 50, 5);
  static final ParamDef TRAIN_FRACTION = ParamDef.number("train_fraction", 0.5, 0.9, 0.7);
  static final long MAX_SEED = (1L << 53) - 1;

  private static final Map<String, Object> SCHEMA = build();
  private static final Schema VALIDATOR =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(ResearchJson.write(SCHEMA));

  private StrategySpecSchema() {}

  /** The schema as JSON-ready maps. */
  public static Map<String, Object> asMap() {
    return SCHEMA;
  }

  /** The schema as indented JSON text. */
  public static String json() {
    return ResearchJson.writePretty(SCHEMA);
  }

  /** Every way {@code spec} breaks the schema, as {@code $.path: problem}; empty if none. */
  public static List<String> check(JsonNode spec) {
    List<String> out = new ArrayList<>();
    for (Error e : VALIDATOR.validate(spec)) {
      out.add(jsonPath(e.getInstanceLocation().toString()) + ": " + e.getMessage());
    }
    return out;
  }

  /** {@code /indicators/0/params} as {@code $.indicators[0].params}, the form messages use. */
  static String jsonPath(String pointer) {
    StringBuilder b = new StringBuilder("$");
    for (String part : pointer.split("/")) {
      if (part.isEmpty() || part.equals("$")) {
        continue;
      }
      b.append(part.chars().allMatch(Character::isDigit) ? "[" + part + "]" : "." + part);
    }
    return b.toString();
  }

  private static Map<String, Object> build() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        "version", Map.of("const", StrategySpec.VERSION, "description", "spec format version"));
    props.put(
        "name",
        Map.of("type", "string", "pattern", NAME_PATTERN, "description", "short snake_case name"));
    props.put(
        "dataset",
        Map.of("type", "string", "minLength", 1, "description", "id of the dataset to use"));
    props.put(
        "indicators",
        obj(
            "type",
            "array",
            "minItems",
            1,
            "maxItems",
            12,
            "items",
            indicatorSchema(),
            "description",
            "indicators computed on the bars; features refer to them by name"));
    props.put(
        "features",
        obj(
            "type",
            "array",
            "minItems",
            1,
            "maxItems",
            24,
            "uniqueItems",
            true,
            "items",
            Map.of("type", "string", "pattern", FEATURE_PATTERN),
            "description",
            "model inputs: an indicator name (its first output) or name.output;"
                + " outputs: "
                + outputsText()));
    props.put(
        "label",
        strict(
            List.of("type", "horizon"),
            props(
                "type",
                    Map.of(
                        "const", "direction",
                        "description", "1 if the close is higher horizon bars later, else 0"),
                "horizon", param(HORIZON))));
    props.put("model", modelSchema());
    props.put(
        "rules",
        strict(
            List.of(RulesSpec.ENTRY.name(), RulesSpec.EXIT.name()),
            props(
                RulesSpec.ENTRY.name(), param(RulesSpec.ENTRY),
                RulesSpec.EXIT.name(), param(RulesSpec.EXIT))));
    props.put(
        "position_mode",
        Map.of(
            "enum",
            List.of(PositionMode.LONG_ONLY.wireName(), PositionMode.LONG_SHORT.wireName())));
    props.put("train_fraction", param(TRAIN_FRACTION));
    props.put("seed", Map.of("type", "integer", "minimum", 0, "maximum", MAX_SEED));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("title", "ktrdr strategy spec, version " + StrategySpec.VERSION);
    root.putAll(strict(new ArrayList<>(props.keySet()), props));
    return root;
  }

  private static String outputsText() {
    List<String> parts = new ArrayList<>();
    for (IndicatorType t : IndicatorType.values()) {
      parts.add(t.wireName() + " " + t.outputs());
    }
    return String.join(", ", parts);
  }

  private static Map<String, Object> indicatorSchema() {
    List<Object> types = new ArrayList<>();
    List<Object> rules = new ArrayList<>();
    for (IndicatorType t : IndicatorType.values()) {
      types.add(t.wireName());
      Map<String, Object> params = new LinkedHashMap<>();
      List<String> required = new ArrayList<>();
      for (ParamDef d : t.params()) {
        params.put(d.name(), param(d));
        required.add(d.name());
      }
      rules.add(
          obj(
              "if", Map.of("properties", Map.of("type", Map.of("const", t.wireName()))),
              "then", Map.of("properties", Map.of("params", strict(required, params)))));
    }
    Map<String, Object> s =
        strict(
            List.of("name", "type", "params"),
            props(
                "name", Map.of("type", "string", "pattern", INDICATOR_NAME_PATTERN),
                "type", Map.of("enum", types),
                "params", Map.of("type", "object")));
    s.put("allOf", rules);
    return s;
  }

  private static Map<String, Object> modelSchema() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        "type",
        Map.of(
            "enum", List.of(ModelType.LOGISTIC_REGRESSION.wireName(), ModelType.MLP.wireName())));
    List<String> required = new ArrayList<>(List.of("type"));
    for (ParamDef d : ModelSpec.common()) {
      props.put(d.name(), param(d));
      required.add(d.name());
    }
    props.put(ModelSpec.HIDDEN_UNITS.name(), param(ModelSpec.HIDDEN_UNITS));
    Map<String, Object> s = strict(required, props);
    s.put("if", Map.of("properties", Map.of("type", Map.of("const", ModelType.MLP.wireName()))));
    s.put("then", Map.of("required", List.of(ModelSpec.HIDDEN_UNITS.name())));
    return s;
  }

  private static Map<String, Object> param(ParamDef d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", d.integer() ? "integer" : "number");
    m.put("minimum", d.integer() ? (Object) (long) d.min() : (Object) d.min());
    m.put("maximum", d.integer() ? (Object) (long) d.max() : (Object) d.max());
    m.put("default", d.integer() ? (Object) (long) d.defaultValue() : (Object) d.defaultValue());
    return m;
  }

  private static Map<String, Object> strict(List<String> required, Map<String, Object> props) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "object");
    m.put("additionalProperties", false);
    m.put("required", required);
    m.put("properties", props);
    return m;
  }

  private static Map<String, Object> props(Object... kv) {
    return obj(kv);
  }

  private static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
