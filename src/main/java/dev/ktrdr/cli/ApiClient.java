package dev.ktrdr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.wire.ApiError;
import dev.ktrdr.wire.Auth;
import dev.ktrdr.wire.ClientHeader;
import dev.ktrdr.wire.Routes;
import dev.ktrdr.wire.WireJson;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The CLI's only way to the engine: JSON over HTTP with OkHttp, read into the same wire records the
 * server writes ({@code dev.ktrdr.wire}). Every request names the CLI in {@code X-Ktrdr-Client} so
 * that the server records cancels as made by the CLI.
 */
final class ApiClient {
  static final String CLIENT_HEADER = ClientHeader.NAME;
  static final String TOKEN_ENV = "KTRDR_API_TOKEN";
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /**
   * The wire's strict types, but a tolerant reader: a field added by a newer server is ignored, not
   * an error.
   */
  static final ObjectMapper MAPPER =
      WireJson.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final String baseUrl;
  private final HttpUrl base;
  private final OkHttpClient http;
  private final String token;

  static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  ApiClient(String baseUrl) {
    this(baseUrl, DEFAULT_READ_TIMEOUT);
  }

  ApiClient(String baseUrl, Duration readTimeout) {
    this(baseUrl, readTimeout, null);
  }

  /** {@code token}: sent as {@code Authorization: Bearer <token>}; null sends none. */
  ApiClient(String baseUrl, Duration readTimeout, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
    HttpUrl parsed = HttpUrl.parse(baseUrl);
    if (parsed == null) {
      throw new CliFailure("Invalid API URL '" + baseUrl + "': expected http://HOST:PORT");
    }
    this.base = parsed;
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(readTimeout)
            .writeTimeout(readTimeout)
            .retryOnConnectionFailure(false)
            .build();
  }

  String baseUrl() {
    return baseUrl;
  }

  /**
   * {@code route} is one of {@link Routes}; {@code values} fill its path parameters in order, each
   * URL-encoded as one segment.
   */
  Reply get(Map<String, String> query, String route, String... values) {
    return send("GET", null, query, route, values);
  }

  Reply post(Object body, String route, String... values) {
    return send("POST", body, Map.of(), route, values);
  }

  Reply delete(Map<String, String> query, String route, String... values) {
    return send("DELETE", null, query, route, values);
  }

  private Reply send(
      String method, Object body, Map<String, String> query, String route, String... values) {
    HttpUrl.Builder url = base.newBuilder();
    Routes.segments(Routes.PREFIX).forEach(url::addPathSegment);
    Routes.segments(route, values).forEach(url::addPathSegment);
    query.forEach(
        (k, v) -> {
          if (v != null) {
            url.addQueryParameter(k, v);
          }
        });
    RequestBody rb = null;
    if (body != null) {
      try {
        rb = RequestBody.create(MAPPER.writeValueAsBytes(body), JSON);
      } catch (JsonProcessingException e) {
        throw new CliFailure("Cannot encode the request: " + e.getOriginalMessage());
      }
    }
    Request.Builder request =
        new Request.Builder()
            .url(url.build())
            .method(method, rb)
            .header(CLIENT_HEADER, ClientHeader.CLI)
            .header("Accept", "application/json");
    if (token != null) {
      request.header(Auth.HEADER, Auth.bearer(token));
    }
    try (Response response = http.newCall(request.build()).execute()) {
      ResponseBody rbody = response.body();
      String text = rbody == null ? "" : rbody.string();
      Reply reply = new Reply(response.code(), parse(text), text, baseUrl);
      if (reply.status() == 401) {
        // Every command would fail the same way: say so once, with what to do.
        throw new CliFailure(
            reply.errorMessage()
                + (token == null
                    ? ". Set " + TOKEN_ENV + " to the server's token."
                    : ". Check " + TOKEN_ENV + " (or --token-file)."));
      }
      return reply;
    } catch (IOException e) {
      throw new ServerUnreachable(baseUrl);
    } finally {
      http.connectionPool().evictAll();
    }
  }

  private JsonNode parse(String text) {
    try {
      return text.isBlank() ? null : MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** An HTTP answer: status, the JSON (null when the body was not JSON) and the raw text. */
  record Reply(int status, JsonNode json, String raw, String url) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The JSON body, or a failure saying the server answered something else. */
    JsonNode requireJson() {
      if (json == null) {
        throw unexpected();
      }
      return json;
    }

    /** The body as a wire record, or a failure saying the server answered something else. */
    <T> T as(Class<T> type) {
      try {
        return MAPPER.treeToValue(requireJson(), type);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw unexpected();
      }
    }

    /** The server's own explanation of a refusal ({@link ApiError}), or the raw answer. */
    String errorMessage() {
      if (json != null) {
        try {
          ApiError e = MAPPER.treeToValue(json, ApiError.class);
          if (e.error() != null) {
            return e.error();
          }
        } catch (JsonProcessingException | IllegalArgumentException notAnError) {
          // fall through to the raw text
        }
      }
      return "HTTP " + status + (raw.isBlank() ? "" : ": " + raw.strip());
    }

    private CliFailure unexpected() {
      return new CliFailure(
          "Unexpected reply from "
              + url
              + " (HTTP "
              + status
              + "): "
              + (raw.length() > 200 ? raw.substring(0, 200) + "…" : raw));
    }
  }

  /** The server could not be reached at all. */
  static final class ServerUnreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServerUnreachable(String url) {
      super("Could not connect to API at " + url + ". Is the server running?", null, false, false);
    }
  }
}
