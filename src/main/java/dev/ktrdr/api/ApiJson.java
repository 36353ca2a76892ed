package dev.ktrdr.api;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.wire.ApiError;
import dev.ktrdr.wire.WireJson;

/** The API's Jackson configuration (the wire's, plus limits for hostile input) and error body. */
public final class ApiJson {
  private ApiJson() {}

  /** {@link WireJson}'s strict reading, with bounded nesting and string length. */
  public static ObjectMapper mapper() {
    return mapper(ApiServer.MAX_BODY_BYTES);
  }

  /** The same, admitting strings of up to {@code maxStringLength} (a CSV upload). */
  static ObjectMapper mapper(int maxStringLength) {
    ObjectMapper m = WireJson.mapper();
    m.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(maxStringLength)
                .build());
    return m;
  }

  /** {@code {"success": false, "error": message}}. */
  static ApiError error(String message) {
    return ApiError.of(message);
  }
}
