package dev.ktrdr.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.ktrdr.operations.OperationIds;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and checks what a request carries. A JSON body is bounded, parsed (malformed JSON is a 400)
 * and bound to its wire record by Jackson, whose strict configuration ({@link
 * dev.ktrdr.wire.WireJson}) refuses unknown fields and wrong types; this class only turns Jackson's
 * findings into one clear sentence (a 422). Ids and query parameters are checked here too.
 */
final class Requests {
  /** The longest id echoed back in an error; hostile ids can be megabytes long. */
  private static final int ECHO_LIMIT = 80;

  /**
   * How much of an oversized body is read and thrown away before the 413 is sent. Clients such as
   * Python's urllib write the whole body before they read the answer; closing on them mid-write
   * gives them a broken pipe instead of the 413. Past this bound the connection is closed anyway.
   */
  static final long DISCARD_LIMIT = 16L * 1024 * 1024;

  private final ObjectMapper mapper;
  private final int maxBodyBytes;

  /** One reader per body type, built up front so the first request pays no introspection. */
  private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

  /** Bodies of at most {@link ApiServer#MAX_BODY_BYTES}. */
  Requests(ObjectMapper mapper, Class<?>... bodyTypes) {
    this(mapper, ApiServer.MAX_BODY_BYTES, bodyTypes);
  }

  /** Bodies of at most {@code maxBodyBytes} (the mapper must admit strings that long). */
  Requests(ObjectMapper mapper, int maxBodyBytes, Class<?>... bodyTypes) {
    this.mapper = mapper;
    this.maxBodyBytes = maxBodyBytes;
    for (Class<?> type : bodyTypes) {
      readers.put(type, mapper.readerFor(type));
    }
  }

  /**
   * The body as a {@code type} record; an empty body (or JSON null) is {@code empty}. Malformed
   * JSON is a 400; anything Jackson refuses to bind (not an object, an unknown field, a wrong type,
   * a missing required field) a 422 naming the field.
   */
  <T> T body(Context ctx, Class<T> type, T empty) {
    String text = boundedBody(ctx);
    if (text.isBlank()) {
      return empty;
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
      return empty;
    }
    if (!node.isObject()) {
      throw ApiException.unprocessable(
          "The body must be a JSON object with the fields "
              + String.join(", ", fieldNames(type))
              + ", not "
              + describe(node));
    }
    try {
      return readers.computeIfAbsent(type, mapper::readerFor).readValue(node);
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.unprocessable(
          "Unknown field '"
              + abbreviate(e.getPropertyName())
              + "': allowed fields are "
              + String.join(", ", fieldNames(type)));
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw ApiException.unprocessable(String.valueOf(cause.getMessage()));
    } catch (MismatchedInputException e) {
      throw ApiException.unprocessable(mismatch(e, node));
    } catch (IOException | IllegalArgumentException e) {
      throw ApiException.unprocessable("Invalid body: " + e.getMessage());
    }
  }

  /** The JSON names of a record's fields, in their wire order. */
  List<String> fieldNames(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (BeanPropertyDefinition p :
        mapper.getSerializationConfig().introspect(mapper.constructType(type)).findProperties()) {
      names.add(p.getName());
    }
    return names;
  }

  private static String mismatch(MismatchedInputException e, JsonNode body) {
    StringBuilder pointer = new StringBuilder();
    List<String> names = new ArrayList<>();
    for (JsonMappingException.Reference r : e.getPath()) {
      String name = r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex());
      names.add(name);
      pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
    }
    String field = abbreviate(String.join(".", names));
    JsonNode value = body.at(pointer.toString());
    if (value.isMissingNode()) {
      return "Missing required field '" + field + "'";
    }
    return "Field '"
        + field
        + "' must be "
        + expected(e.getTargetType())
        + ", not "
        + describe(value);
  }

  private static String expected(Class<?> target) {
    if (target == null) {
      return "of another type";
    }
    if (target == String.class || target.isEnum()) {
      return "a string";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    if (target == Integer.class
        || target == int.class
        || target == Long.class
        || target == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(target) || target == double.class) {
      return "a number";
    }
    if (java.util.Collection.class.isAssignableFrom(target)) {
      return "an array";
    }
    return "an object";
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
   * Reads at most this reader's limit; more is a 413, whatever Content-Length said (the error
   * handler then discards the rest, see {@link #discardUnreadBody}).
   */
  private String boundedBody(Context ctx) {
    long declared = ctx.contentLength();
    if (declared > maxBodyBytes) {
      throw tooLarge(maxBodyBytes);
    }
    if (declared == 0) {
      return ""; // a DELETE without a body, the usual cancel: no buffers to allocate
    }
    try (InputStream in = ctx.bodyInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) != -1) {
        out.write(buf, 0, n);
        if (out.size() > maxBodyBytes) {
          throw tooLarge(maxBodyBytes);
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ApiException.badRequest("Could not read the request body: " + e.getMessage());
    }
  }

  static ApiException tooLarge(int limit) {
    return new ApiException(
        413,
        "Request body too large: at most "
            + limit
            + " bytes"
            + (limit >= 1024 * 1024 ? " (" + limit / (1024 * 1024) + " MB)" : ""));
  }

  /**
   * Called before any refusal is sent (a 413, the request guard's 4xx, an unknown route): reads and
   * discards what is left of the body, up to {@link #DISCARD_LIMIT}, so that a client still sending
   * gets to read the answer. A client waiting for {@code 100 Continue}, one that announced more
   * than the limit, or one that sent more, gets the answer with {@code Connection: close}. A body
   * already read to its end costs one read.
   */
  static void discardUnreadBody(Context ctx) {
    boolean waitsForContinue = ctx.header("Expect") != null;
    if (waitsForContinue || ctx.contentLength() > DISCARD_LIMIT || !discardRest(ctx)) {
      ctx.header("Connection", "close");
    }
  }

  /** True when the body ended within the limit (the connection can then stay open). */
  private static boolean discardRest(Context ctx) {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    try {
      InputStream in = ctx.req().getInputStream();
      int n;
      while ((n = in.read(buf)) != -1) {
        total += n;
        if (total > DISCARD_LIMIT) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false; // the client went away: nothing left to answer
    }
  }
}
