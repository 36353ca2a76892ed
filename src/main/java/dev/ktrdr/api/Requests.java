package dev.ktrdr.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.operations.OperationIds;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads and checks what a request carries: bounded JSON bodies, ids, query parameters. */
final class Requests {
  /** The longest id echoed back in an error; hostile ids can be megabytes long. */
  private static final int ECHO_LIMIT = 80;

  private final ObjectMapper mapper;

  Requests(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The body as a JSON object whose fields are all in {@code allowed}; an empty body is an empty
   * object. Malformed JSON is a 400; a non-object or an unknown field a 422.
   */
  ObjectNode jsonObject(Context ctx, List<String> allowed) {
    String text = boundedBody(ctx);
    if (text.isBlank()) {
      return mapper.createObjectNode();
    }
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw ApiException.badRequest(
          "Malformed JSON body: "
              + e.getOriginalMessage()
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return mapper.createObjectNode();
    }
    if (!node.isObject()) {
      throw ApiException.unprocessable(
          "The body must be a JSON object with the fields "
              + String.join(", ", allowed)
              + ", not "
              + describe(node));
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        throw ApiException.unprocessable(
            "Unknown field '"
                + abbreviate(field)
                + "': allowed fields are "
                + String.join(", ", allowed));
      }
    }
    return (ObjectNode) node;
  }

  /** A string field, or null when absent or null; any other type is a 422. */
  static String optionalString(ObjectNode body, String field, int maxLength) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiException.unprocessable(
          "Field '" + field + "' must be a string, not " + describe(v));
    }
    if (v.textValue().length() > maxLength) {
      throw ApiException.unprocessable(
          "Field '"
              + field
              + "' is too long: "
              + v.textValue().length()
              + " characters, at most "
              + maxLength);
    }
    return v.textValue();
  }

  /** A boolean field, false when absent or null; any other type (even "true") is a 422. */
  static boolean optionalBoolean(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw ApiException.unprocessable(
          "Field '" + field + "' must be true or false, not " + describe(v));
    }
    return v.booleanValue();
  }

  /** True when {@code id} has the shape of an operation id (anything else cannot exist). */
  static boolean plausibleId(String id) {
    return OperationIds.looksValid(id);
  }

  /**
   * Query parameters must be known ones: a typo such as {@code type=} would silently not filter.
   */
  static void onlyKnownQueryParams(Context ctx, Set<String> known) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!known.contains(name)) {
        throw ApiException.badRequest(
            "Unknown query parameter '"
                + abbreviate(name)
                + "': use "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  static int intParam(Context ctx, String name, int dflt, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(raw.strip());
      if (n < min || n > max) {
        throw ApiException.badRequest(
            "Query parameter '" + name + "' must be from " + min + " to " + max + ", not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "Query parameter '" + name + "' must be a whole number, not '" + abbreviate(raw) + "'");
    }
  }

  static boolean boolParam(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return false;
    }
    switch (raw.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true":
      case "1":
      case "yes":
        return true;
      case "false":
      case "0":
      case "no":
        return false;
      default:
        throw ApiException.badRequest(
            "Query parameter '" + name + "' must be true or false, not '" + abbreviate(raw) + "'");
    }
  }

  /** Shortens text a client sent before it is echoed in an error or a log line. */
  static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= ECHO_LIMIT
        ? s
        : s.substring(0, ECHO_LIMIT) + "… (" + s.length() + " characters)";
  }

  private static String describe(JsonNode v) {
    switch (v.getNodeType()) {
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      case NUMBER:
        return "a number";
      case STRING:
        return "a string";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      default:
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Reads at most {@link ApiServer#MAX_BODY_BYTES}; more is a 413, whatever Content-Length said.
   */
  private static String boundedBody(Context ctx) {
    long declared = ctx.contentLength();
    if (declared > ApiServer.MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try (InputStream in = ctx.bodyInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) != -1) {
        out.write(buf, 0, n);
        if (out.size() > ApiServer.MAX_BODY_BYTES) {
          throw tooLarge();
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ApiException.badRequest("Could not read the request body: " + e.getMessage());
    }
  }

  static ApiException tooLarge() {
    return new ApiException(
        413, "Request body too large: at most " + ApiServer.MAX_BODY_BYTES + " bytes");
  }
}
