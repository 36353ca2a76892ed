package dev.ktrdr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.ApiServer;
import dev.ktrdr.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** A {@link TestEngine} served by a real {@link ApiServer} on a free port, plus a tiny client. */
public final class ApiHarness implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final TestEngine engine;
  private final ApiServer server;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ApiHarness(TestEngine engine, ApiServer server) {
    this.engine = engine;
    this.server = server;
  }

  public static ApiHarness start(Path db, Settings settings) {
    return serve(TestEngine.start(db, settings));
  }

  /** A served engine whose phases wait at {@code gates} where the test says. */
  public static ApiHarness start(Path db, Settings settings, PhaseGates gates) {
    return serve(TestEngine.start(db, settings, gates));
  }

  private static ApiHarness serve(TestEngine engine) {
    return new ApiHarness(
        engine,
        ApiServer.start(
            engine.agent(),
            engine.ops(),
            engine.runtime().data(),
            engine.runtime().remoteWorkers(),
            null,
            0,
            engine.settings().apiAccess()));
  }

  public TestEngine engine() {
    return engine;
  }

  public ApiServer server() {
    return server;
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  public Reply get(String path) {
    return send("GET", path, null, null);
  }

  public Reply post(String path, String body) {
    return send("POST", path, body, null);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null, null);
  }

  /** Sends {@code body} (may be null) with an optional {@code X-Ktrdr-Client} value. */
  public Reply send(String method, String path, String body, String client) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (client != null) {
      b.header("X-Ktrdr-Client", client);
    }
    return send(b.build());
  }

  public Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Triggers through the API and returns the new id. */
  public String trigger(String brief) {
    Reply r = post("/api/v1/agent/trigger", "{\"brief\": \"" + brief + "\"}");
    if (r.status() != 202) {
      throw new IllegalStateException("trigger failed: " + r);
    }
    return r.json().get("operation_id").asText();
  }

  @Override
  public void close() {
    server.close();
    engine.close();
  }

  /** An HTTP answer. */
  public record Reply(int status, String body, String contentType) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON (HTTP " + status + "): " + body, e);
      }
    }
  }
}
