package dev.ktrdr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One client of the API: a single keep-alive HTTP/1.1 connection (OkHttp, a pool of one), JSON in
 * and out. Each load thread has its own, so "8 keep-alive clients" are 8 connections.
 */
final class Api implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final String base;
  private final OkHttpClient http;

  /** What came back: the status code and the body parsed as JSON (null when it is not JSON). */
  record Reply(int code, JsonNode body) {
    String text(String field) {
      return body == null ? null : body.path(field).asText(null);
    }
  }

  Api(String base) {
    this.base = base;
    this.http =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(1, 5, TimeUnit.MINUTES))
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(300))
            .retryOnConnectionFailure(false)
            .build();
  }

  String base() {
    return base;
  }

  Reply get(String path) throws IOException {
    return send(new Request.Builder().url(base + path).get().build());
  }

  /** A POST with a JSON body, sent as {@code Content-Type: application/json}. */
  Reply post(String path, String json) throws IOException {
    return send(
        new Request.Builder().url(base + path).post(RequestBody.create(json, JSON_TYPE)).build());
  }

  Reply delete(String path) throws IOException {
    return send(new Request.Builder().url(base + path).delete().build());
  }

  private Reply send(Request request) throws IOException {
    try (Response r = http.newCall(request).execute();
        ResponseBody b = r.body()) {
      String text = b == null ? "" : b.string();
      JsonNode body = null;
      if (!text.isEmpty() && (text.charAt(0) == '{' || text.charAt(0) == '[')) {
        body = JSON.readTree(text);
      }
      return new Reply(r.code(), body);
    }
  }

  @Override
  public void close() {
    http.connectionPool().evictAll();
    http.dispatcher().executorService().shutdown();
  }
}
