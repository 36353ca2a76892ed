package dev.ktrdr.research;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The one JSON mapper of the research library: results are plain {@code Map}s and lists (see each
 * result's {@code toMap()}), so they travel unchanged through the operations store, the API and a
 * remote worker.
 */
public final class ResearchJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

  private ResearchJson() {}

  /** The shared mapper; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** {@code value} (maps, lists, strings, numbers, booleans) as compact JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code value} as indented JSON, for people. */
  public static String writePretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON object as a map; {@link IllegalArgumentException} naming the problem if it is not. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readMap(String json) {
    try {
      Object v = MAPPER.readValue(json, Object.class);
      if (!(v instanceof Map)) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      return (Map<String, Object>) v;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
