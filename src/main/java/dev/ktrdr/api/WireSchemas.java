package dev.ktrdr.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.wire.Always;
import dev.ktrdr.wire.DateTime;
import dev.ktrdr.wire.Nullable;
import dev.ktrdr.wire.OneOf;
import dev.ktrdr.wire.Vocabulary;
import dev.ktrdr.workers.WorkerType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * JSON schemas (draft 2020-12, as OpenAPI 3.1 uses) derived from the wire records with victools'
 * generator. The records' own Jackson annotations give the names, order, descriptions and enum
 * words; the conventions of {@code dev.ktrdr.wire} give required and nullable; the engine's enums
 * give the words of each {@link Vocabulary}. Each named schema appears once, under {@code
 * components/schemas}, and is referenced everywhere else.
 */
final class WireSchemas {
  static final String COMPONENTS = "components/schemas";
  private static final String REF_PREFIX = "#/" + COMPONENTS + "/";

  /** Length limits the service enforces, published with the fields they bound. */
  private static final Map<String, Integer> MAX_LENGTH =
      Map.of(
          "TriggerRequest.brief", TriggerRequest.MAX_BRIEF_LENGTH,
          "CancelRequest.reason", AgentEndpoints.MAX_REASON_LENGTH);

  private final SchemaBuilder builder;

  WireSchemas(ObjectMapper mapper) {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(
                mapper, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(
                Option.DEFINITIONS_FOR_ALL_OBJECTS,
                Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                Option.PLAIN_DEFINITION_KEYS)
            .without(Option.SCHEMA_VERSION_INDICATOR)
            .with(
                new JacksonModule(
                    JacksonOption.RESPECT_JSONPROPERTY_ORDER,
                    JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY));
    config
        .forTypesInGeneral()
        .withDefinitionNamingStrategy((key, context) -> schemaName(key.getType().getErasedType()));
    config.forFields().withRequiredCheck(WireSchemas::alwaysSent);
    config
        .forFields()
        .withNullableCheck(f -> f.getAnnotationConsideringFieldAndGetter(Nullable.class) != null);
    config
        .forFields()
        .withStringFormatResolver(
            f ->
                f.getAnnotationConsideringFieldAndGetter(DateTime.class) == null
                    ? null
                    : "date-time");
    config
        .forFields()
        .withStringMaxLengthResolver(
            f ->
                MAX_LENGTH.get(
                    f.getDeclaringType().getErasedType().getSimpleName() + "." + f.getName()));
    config
        .forFields()
        .withEnumResolver(
            f -> {
              Always always = f.getAnnotationConsideringFieldAndGetter(Always.class);
              return always == null ? null : List.of(always.value());
            });
    config.forFields().withInstanceAttributeOverride(WireSchemas::referToVocabulary);
    this.builder = new SchemaGenerator(config.build()).buildMultipleSchemaDefinitions();
  }

  /**
   * A reference to the schema of {@code type}, collected into the components on {@link
   * #components()}.
   */
  ObjectNode ref(Type type) {
    return builder.createSchemaReference(type);
  }

  /** Every schema referenced so far, plus one per {@link Vocabulary}; call once, after the refs. */
  ObjectNode components() {
    ObjectNode schemas = builder.collectDefinitions(COMPONENTS);
    vocabularies()
        .forEach(
            (v, words) -> {
              ObjectNode s = schemas.putObject(v.schemaName()).put("type", "string");
              ArrayNode e = s.putArray("enum");
              words.forEach(e::add);
            });
    return schemas;
  }

  /** The words of each vocabulary, from the enums that own them. */
  static Map<Vocabulary, List<String>> vocabularies() {
    Map<Vocabulary, List<String>> m = new EnumMap<>(Vocabulary.class);
    for (Vocabulary v : Vocabulary.values()) {
      switch (v) {
        case OPERATION_STATUS:
          m.put(v, words(OperationStatus.values(), OperationStatus::wire));
          break;
        case OPERATION_TYPE:
          m.put(v, words(OperationType.values(), OperationType::wire));
          break;
        case PHASE:
          m.put(v, words(Phase.values(), Phase::wire));
          break;
        case WORKER_TYPE:
          m.put(v, words(WorkerType.values(), WorkerType::wire));
          break;
        default:
          throw new IllegalStateException("No words for vocabulary " + v);
      }
    }
    return m;
  }

  private static <E> List<String> words(E[] values, Function<E, String> wire) {
    return Arrays.stream(values).map(wire).collect(Collectors.toList());
  }

  /** {@code Status.ActiveResearch} becomes {@code StatusActiveResearch}: unique and URI-safe. */
  private static String schemaName(Class<?> type) {
    if (Map.class.isAssignableFrom(type)) {
      return "JsonObject"; // parameters and result summaries: any JSON object
    }
    Class<?> outer = type.getEnclosingClass();
    return outer == null ? type.getSimpleName() : schemaName(outer) + type.getSimpleName();
  }

  /** Sent on every reply unless the field or its record says it may be left out. */
  private static boolean alwaysSent(FieldScope field) {
    JsonInclude own = field.getAnnotationConsideringFieldAndGetter(JsonInclude.class);
    JsonInclude record = field.getDeclaringType().getErasedType().getAnnotation(JsonInclude.class);
    JsonInclude rule = own != null ? own : record;
    return rule == null || rule.value() == JsonInclude.Include.ALWAYS;
  }

  private static void referToVocabulary(
      ObjectNode node,
      FieldScope field,
      com.github.victools.jsonschema.generator.SchemaGenerationContext ctx) {
    OneOf oneOf = field.getAnnotationConsideringFieldAndGetter(OneOf.class);
    if (oneOf == null) {
      return;
    }
    String description = node.path("description").asText(null);
    boolean nullable = field.getAnnotationConsideringFieldAndGetter(Nullable.class) != null;
    node.removeAll();
    if (description != null) {
      node.put("description", description);
    }
    ObjectNode ref = node.objectNode().put("$ref", REF_PREFIX + oneOf.value().schemaName());
    if (nullable) {
      ArrayNode anyOf = node.putArray("anyOf");
      anyOf.add(ref);
      anyOf.addObject().put("type", "null");
    } else {
      node.setAll(ref);
    }
  }
}
