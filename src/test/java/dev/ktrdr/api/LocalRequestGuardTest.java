package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.config.Settings;
import dev.ktrdr.operations.OperationQuery;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.LogCapture;
import dev.ktrdr.testing.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CSRF and DNS rebinding through the real server (issue 12): what a web page in the user's browser
 * could send is refused before any route runs and leaves nothing in the database; what the CLI,
 * curl and the same-origin Swagger UI send still works. OkHttp, because the JDK client may not set
 * {@code Host}.
 */
class LocalRequestGuardTest {
  private static final String TRIGGER = "/api/v1/agent/trigger";
  private static final String REFUSED_BRIEF = "from a web page";
  private static final String BODY = "{\"brief\": \"" + REFUSED_BRIEF + "\", \"force\": true}";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir static Path dir;

  /** Local only (the defaults); stub phases last 10 minutes so a research stays running. */
  static ApiHarness api;

  /** With {@code KTRDR_ALLOWED_HOSTS} and {@code KTRDR_ALLOWED_ORIGINS} set. */
  static ApiHarness open;

  static final OkHttpClient http =
      new OkHttpClient.Builder()
          .readTimeout(Duration.ofSeconds(30))
          .retryOnConnectionFailure(false)
          .build();

  @BeforeAll
  static void start() {
    Settings slow = TestEngine.fastSettings(Duration.ofMinutes(10)).withMaxConcurrentResearches(50);
    api = ApiHarness.start(dir.resolve("guard.db"), slow);
    Settings fromEnv =
        Settings.from(
            Map.of(
                "KTRDR_ALLOWED_HOSTS", "devbox, ktrdr.internal:9999",
                "KTRDR_ALLOWED_ORIGINS", "http://devbox:3000/"));
    open = ApiHarness.start(dir.resolve("open.db"), slow.withApiAccess(fromEnv.apiAccess()));
  }

  @AfterAll
  static void stop() {
    api.close();
    open.close();
  }

  /** One exchange: status, headers and body. */
  record Answer(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON (HTTP " + status + "): " + body, e);
      }
    }

    String error() {
      assertThat(json().get("success").asBoolean()).isFalse();
      return json().get("error").asText();
    }

    boolean hasCorsHeaders() {
      return headers.keySet().stream().anyMatch(h -> h.startsWith("access-control-"));
    }
  }

  /**
   * Sends {@code method path} to {@code server} with {@code headers}; {@code body} null sends none,
   * and {@code contentType} null sends the body without a Content-Type.
   */
  static Answer call(
      ApiHarness server,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      String contentType) {
    RequestBody rb =
        body == null
            ? null
            : RequestBody.create(
                body.getBytes(StandardCharsets.UTF_8),
                contentType == null ? null : MediaType.get(contentType));
    Request.Builder b = new Request.Builder().url(server.url() + path).method(method, rb);
    headers.forEach(b::header);
    try (Response r = http.newCall(b.build()).execute()) {
      Map<String, String> h = new LinkedHashMap<>();
      r.headers().names().forEach(n -> h.put(n.toLowerCase(), r.header(n)));
      return new Answer(r.code(), h, r.body() == null ? "" : r.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      http.connectionPool().evictAll();
    }
  }

  /**
   * Researches in the database, after checking that no operation at all carries the brief of a
   * refused request. Only researches are counted: the loop adds children to researches other tests
   * started, at any moment.
   */
  static long operationCount(ApiHarness server) {
    OperationQuery all = OperationQuery.all().withLimit(OperationQuery.MAX_LIMIT);
    assertThat(server.engine().ops().list(all).operations())
        .noneMatch(op -> REFUSED_BRIEF.equals(op.param("brief")));
    return server.engine().ops().list(all.withType(OperationType.AGENT_RESEARCH)).totalCount();
  }

  static String ownOrigin(ApiHarness server) {
    return "http://127.0.0.1:" + server.server().port();
  }

  // --- Host (DNS rebinding) ---

  static Stream<String> foreignHosts() {
    int port = api.server().port();
    return Stream.of(
        "evil.example:" + port, // a rebound name on the right port
        "evil.example",
        "127.0.0.1:" + (port == 65_535 ? port - 1 : port + 1), // the right name, another port
        "127.0.0.1", // no port: port 80
        "0.0.0.0:" + port, // browsers reach local servers through 0.0.0.0 too
        "localhost.evil.example:" + port,
        "devbox:" + port); // allowed only on the other server
  }

  @ParameterizedTest
  @MethodSource("foreignHosts")
  void aForeignHostIsRefusedBeforeAnyRouteAndLeavesNothingBehind(String host) {
    long before = operationCount(api);
    Answer a = call(api, "POST", TRIGGER, Map.of("Host", host), BODY, "application/json");
    assertThat(a.status()).as(a.body()).isEqualTo(421);
    assertThat(a.headers().get("content-type")).startsWith("application/json");
    assertThat(a.error()).contains("is not this server's address").contains("KTRDR_ALLOWED_HOSTS");
    assertThat(operationCount(api)).isEqualTo(before);
    // Reading is refused too: a rebinding page must not see operations or results.
    Answer read = call(api, "GET", "/api/v1/operations", Map.of("Host", host), null, null);
    assertThat(read.status()).isEqualTo(421);
    assertThat(read.body()).doesNotContain("data");
  }

  @Test
  void aMalformedHostIsRefusedByJettyAsJson() {
    long before = operationCount(api);
    Answer a = call(api, "POST", TRIGGER, Map.of("Host", "not a host"), BODY, "application/json");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isNotBlank();
    assertThat(operationCount(api)).isEqualTo(before);
  }

  @Test
  void theServersOwnNamesAreServed() {
    int port = api.server().port();
    for (String host :
        new String[] {
          "127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port
        }) {
      Answer a = call(api, "GET", "/api/v1/health", Map.of("Host", host), null, null);
      assertThat(a.status()).as(host).isEqualTo(200);
    }
  }

  @Test
  void aRequestWithoutHostIsRefused() throws IOException {
    // HTTP/1.0 may omit Host; Jetty lets it through, so the guard must refuse it itself.
    String answer = raw(api, "GET /api/v1/operations HTTP/1.0\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 421");
    assertThat(answer).contains("Missing Host header").doesNotContain("\"data\"");
  }

  // --- Origin (CSRF) ---

  @Test
  void theIssuesAttackIsRefusedAndStartsNothing() {
    // text/plain + a foreign Origin: a "simple request" any page can send without asking.
    long before = operationCount(api);
    Answer a =
        call(
            api,
            "POST",
            TRIGGER,
            Map.of("Origin", "http://evil.example"),
            BODY,
            "text/plain;charset=UTF-8");
    assertThat(a.status()).as(a.body()).isEqualTo(403);
    assertThat(a.error()).contains("http://evil.example").contains("KTRDR_ALLOWED_ORIGINS");
    assertThat(a.hasCorsHeaders()).isFalse();
    assertThat(operationCount(api)).isEqualTo(before);
  }

  @Test
  void aForeignOriginIsRefusedEvenWithJsonAndForReads() {
    long before = operationCount(api);
    for (String origin :
        new String[] {
          "http://evil.example",
          "https://127.0.0.1:" + api.server().port(), // another scheme is another origin
          "http://127.0.0.1:1", // another port is another origin
          "http://devbox:3000", // allowed only on the other server
          "garbage"
        }) {
      Answer post = call(api, "POST", TRIGGER, Map.of("Origin", origin), BODY, "application/json");
      assertThat(post.status()).as(origin).isEqualTo(403);
      Answer get = call(api, "GET", "/api/v1/operations", Map.of("Origin", origin), null, null);
      assertThat(get.status()).as(origin).isEqualTo(403);
      assertThat(get.hasCorsHeaders()).isFalse();
    }
    assertThat(operationCount(api)).isEqualTo(before);
  }

  @Test
  void originNullIsAlwaysRefused() {
    long before = operationCount(api);
    Answer a = call(api, "POST", TRIGGER, Map.of("Origin", "null"), BODY, "application/json");
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.error()).contains("Origin: null");
    assertThat(operationCount(api)).isEqualTo(before);
  }

  @Test
  void aCrossOriginCancelIsRefusedAndTheResearchRunsOn() {
    String id = api.trigger("keeps running");
    api.engine().awaitStatus(id, OperationStatus.RUNNING);

    Answer refused =
        call(
            api,
            "DELETE",
            "/api/v1/agent/cancel/" + id,
            Map.of("Origin", "http://evil.example"),
            null,
            null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(api.engine().status(id)).isEqualTo(OperationStatus.RUNNING);

    // The same call from the server's own page (Swagger's "Try it out") goes through.
    Answer sameOrigin =
        call(
            api,
            "DELETE",
            "/api/v1/agent/cancel/" + id,
            Map.of("Origin", ownOrigin(api)),
            null,
            null);
    assertThat(sameOrigin.status()).as(sameOrigin.body()).isEqualTo(200);
    assertThat(api.engine().status(id)).isEqualTo(OperationStatus.CANCELLED);
  }

  // --- Preflight ---

  @Test
  void aPreflightFromAnUnlistedOriginGetsNoCorsPermission() {
    Answer a =
        call(
            api,
            "OPTIONS",
            "/api/v1/agent/cancel/op_agent_research_20260101_000000_deadbeef",
            Map.of(
                "Origin", "http://evil.example",
                "Access-Control-Request-Method", "DELETE"),
            null,
            null);
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.hasCorsHeaders()).isFalse();
    assertThat(a.error()).contains("http://evil.example");
  }

  @Test
  void aPreflightFromTheServersOwnPageIsAnswered() {
    Answer a =
        call(
            api,
            "OPTIONS",
            TRIGGER,
            Map.of(
                "Origin", ownOrigin(api),
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type"),
            null,
            null);
    assertThat(a.status()).isEqualTo(204);
    assertThat(a.headers())
        .containsEntry("access-control-allow-origin", ownOrigin(api))
        .containsKey("access-control-allow-methods")
        .containsKey("access-control-allow-headers");
    assertThat(a.headers().get("access-control-allow-methods")).contains("POST", "DELETE");
    assertThat(a.headers().get("access-control-allow-headers"))
        .containsIgnoringCase("content-type");
  }

  // --- Content-Type ---

  @Test
  void curlWithoutAJsonContentTypeIsToldWhatToSend() {
    long before = operationCount(api);
    // `curl -d '{…}'` sends a form type; no header at all is refused the same way.
    Answer form = call(api, "POST", TRIGGER, Map.of(), BODY, "application/x-www-form-urlencoded");
    assertThat(form.status()).isEqualTo(415);
    assertThat(form.error())
        .contains("Content-Type: application/json")
        .contains("application/x-www-form-urlencoded");
    Answer text = call(api, "POST", TRIGGER, Map.of(), BODY, "text/plain");
    assertThat(text.status()).isEqualTo(415);
    Answer none = call(api, "POST", TRIGGER, Map.of(), BODY, null);
    assertThat(none.status()).isEqualTo(415);
    assertThat(none.error()).contains("no Content-Type was sent");
    // A cancel carrying a text body is refused too: every body must be JSON.
    Answer cancel =
        call(
            api,
            "DELETE",
            "/api/v1/agent/cancel/op_agent_research_20260101_000000_deadbeef",
            Map.of(),
            "x",
            "text/plain");
    assertThat(cancel.status()).isEqualTo(415);
    assertThat(operationCount(api)).isEqualTo(before);
  }

  @Test
  void anEmptyPostThatDeclaresTextPlainIsRefused() {
    long before = operationCount(api);
    Answer a = call(api, "POST", TRIGGER, Map.of(), "", "text/plain");
    assertThat(a.status()).isEqualTo(415);
    assertThat(operationCount(api)).isEqualTo(before);
  }

  @Test
  void curlWithJsonContentTypeWorks() {
    Answer a =
        call(
            api,
            "POST",
            TRIGGER,
            Map.of(),
            "{\"brief\": \"curl\"}",
            "application/json; charset=utf-8");
    assertThat(a.status()).as(a.body()).isEqualTo(202);
    assertThat(a.json().get("triggered").asBoolean()).isTrue();
  }

  @Test
  void aTriggerWithNoBodyAtAllStillWorks() throws IOException {
    // What `curl -X POST URL` sends: no Content-Type, no Content-Length.
    String answer =
        raw(
            api,
            "POST "
                + TRIGGER
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + api.server().port()
                + "\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 202");
    // And OkHttp's empty body (Content-Length: 0, no Content-Type).
    Answer empty = call(api, "POST", TRIGGER, Map.of(), "", null);
    assertThat(empty.status()).as(empty.body()).isEqualTo(202);
  }

  // --- Same-origin Swagger UI ---

  @Test
  void swaggerUiLoadsAndTriesItOutFromItsOwnOrigin() {
    int port = api.server().port();
    String page = "http://localhost:" + port;
    Map<String, String> fromPage = Map.of("Host", "localhost:" + port, "Origin", page);
    Answer ui = call(api, "GET", "/api/docs", Map.of("Host", "localhost:" + port), null, null);
    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.body()).contains("swagger-ui");
    Answer doc = call(api, "GET", "/api/v1/openapi.json", fromPage, null, null);
    assertThat(doc.status()).isEqualTo(200);
    Answer status = call(api, "GET", "/api/v1/agent/status", fromPage, null, null);
    assertThat(status.status()).isEqualTo(200);
    Answer trigger =
        call(api, "POST", TRIGGER, fromPage, "{\"brief\": \"swagger\"}", "application/json");
    assertThat(trigger.status()).as(trigger.body()).isEqualTo(202);
  }

  // --- Allowed on purpose ---

  @Test
  void listedHostsAreServedOnTheirPorts() {
    int port = open.server().port();
    assertThat(
            call(open, "GET", "/api/v1/health", Map.of("Host", "devbox:" + port), null, null)
                .status())
        .isEqualTo(200);
    assertThat(call(open, "GET", "/api/v1/health", Map.of("Host", "DEVBOX"), null, null).status())
        .as("a name listed without a port is allowed on any port")
        .isEqualTo(200);
    assertThat(
            call(open, "GET", "/api/v1/health", Map.of("Host", "ktrdr.internal:9999"), null, null)
                .status())
        .isEqualTo(200);
    assertThat(
            call(
                    open,
                    "GET",
                    "/api/v1/health",
                    Map.of("Host", "ktrdr.internal:" + port),
                    null,
                    null)
                .status())
        .as("a name listed with a port is allowed on that port only")
        .isEqualTo(421);
    assertThat(
            call(open, "GET", "/api/v1/health", Map.of("Host", "evil.example:" + port), null, null)
                .status())
        .isEqualTo(421);
  }

  @Test
  void aListedOriginMayCallAndReadTheReply() {
    Answer preflight =
        call(
            open,
            "OPTIONS",
            TRIGGER,
            Map.of("Origin", "http://devbox:3000", "Access-Control-Request-Method", "POST"),
            null,
            null);
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.headers())
        .containsEntry("access-control-allow-origin", "http://devbox:3000");

    Answer trigger =
        call(
            open,
            "POST",
            TRIGGER,
            Map.of("Origin", "http://devbox:3000"),
            "{\"brief\": \"from devbox\"}",
            "application/json");
    assertThat(trigger.status()).as(trigger.body()).isEqualTo(202);
    assertThat(trigger.headers())
        .containsEntry("access-control-allow-origin", "http://devbox:3000");

    long before = operationCount(open);
    Answer otherPort =
        call(
            open,
            "POST",
            TRIGGER,
            Map.of("Origin", "http://devbox:3001"),
            "{\"brief\": \"no\"}",
            "application/json");
    assertThat(otherPort.status()).isEqualTo(403);
    assertThat(otherPort.hasCorsHeaders()).isFalse();
    assertThat(operationCount(open)).isEqualTo(before);
  }

  // --- Logging ---

  @Test
  void aRefusalIsLoggedOnceWithoutAStackTrace() {
    String marker = "http://log-once.example"; // other tests may log refusals meanwhile
    try (LogCapture logs = new LogCapture()) {
      call(api, "POST", TRIGGER, Map.of("Origin", marker), BODY, "text/plain");
      // The guard logs before it answers, so the line is there once the answer is.
      assertThat(logs.lines().stream().filter(l -> l.contains(marker)))
          .singleElement()
          .asString()
          .startsWith("WARN")
          .contains("Refused POST " + TRIGGER);
      assertThat(logs.alarming()).isEmpty();
    }
  }

  private static String raw(ApiHarness server, String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.server().port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
