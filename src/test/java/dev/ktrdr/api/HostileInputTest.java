package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.ApiHarness.Reply;
import dev.ktrdr.testing.LogCapture;
import dev.ktrdr.testing.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a careless or hostile client can send: each gets a 4xx JSON error that says what is wrong,
 * never a 500, never a stack trace in the log, and the server keeps serving.
 */
class HostileInputTest {
  @TempDir static Path dir;
  static ApiHarness api;
  LogCapture logs;

  @BeforeAll
  static void start() {
    api = ApiHarness.start(dir.resolve("hostile.db"), TestEngine.instantSettings());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void capture() {
    logs = new LogCapture();
  }

  @AfterEach
  void nothingAlarmingLoggedAndStillServing() {
    logs.close();
    assertThat(logs.alarming()).isEmpty();
    assertThat(api.get("/api/v1/health").status()).isEqualTo(200);
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("{\"brief\": ", 400, "Malformed JSON"),
        Arguments.of("{brief: 'x'}", 400, "Malformed JSON"),
        Arguments.of("{} {}", 400, "Malformed JSON"),
        Arguments.of("{\"brief\": \"a\", \"brief\": \"b\"}", 400, "Malformed JSON"),
        Arguments.of("[1, 2]", 422, "must be a JSON object"),
        Arguments.of("\"text\"", 422, "must be a JSON object"),
        Arguments.of("{\"brief\": 42}", 422, "'brief' must be a string"),
        Arguments.of("{\"brief\": {\"$ne\": 1}}", 422, "'brief' must be a string"),
        Arguments.of("{\"force\": \"true\"}", 422, "'force' must be true or false"),
        Arguments.of("{\"bypass_gates\": 1}", 422, "'bypass_gates' must be true or false"),
        Arguments.of("{\"model\": [\"opus\"]}", 422, "'model' must be a string"),
        Arguments.of("{\"brief\": \"x\", \"admin\": true}", 422, "Unknown field 'admin'"),
        Arguments.of("{\"brief\": \"" + "x".repeat(10_001) + "\"}", 422, "too long"),
        Arguments.of("[".repeat(5000), 400, "Malformed JSON"));
  }

  @ParameterizedTest
  @MethodSource("badBodies")
  void badTriggerBodiesAreRefusedWithAReason(String body, int status, String says) {
    Reply r = api.post("/api/v1/agent/trigger", body);
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.contentType()).contains("application/json");
    assertThat(r.json().get("success").asBoolean()).isFalse();
    assertThat(r.json().get("error").asText()).contains(says);
    assertThat(api.get("/api/v1/operations").json().get("total_count").asInt()).isZero();
  }

  @Test
  void aTenMegabyteBodyIs413() {
    String huge = "{\"brief\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}";
    Reply r = api.post("/api/v1/agent/trigger", huge);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("error").asText()).contains("too large");
  }

  @Test
  void aChunkedOversizedBodyIs413Too() {
    byte[] chunk = new byte[256 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(api.url() + "/api/v1/agent/trigger"))
            .header("Content-Type", "application/json") // else the 415 check answers first
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () ->
                        new java.io.SequenceInputStream(
                            new java.io.ByteArrayInputStream(chunk),
                            new java.io.ByteArrayInputStream(chunk))))
            .build();
    assertThat(api.send(req).status()).isEqualTo(413);
  }

  static Stream<String> oddIds() {
    return Stream.of(
        "..%2F..%2Fetc%2Fpasswd",
        "%22%3B%20DROP%20TABLE%20operations%3B--",
        "op_agent_research'%20OR%20'1'='1",
        "%3Cscript%3E",
        "x".repeat(10_000).substring(0, 4000),
        "op_agent_research_20260101_000000_DEADBEEF",
        "%E2%98%83");
  }

  @ParameterizedTest
  @MethodSource("oddIds")
  void oddIdsAreNotFoundEverywhere(String id) {
    for (String path :
        new String[] {"/api/v1/operations/" + id, "/api/v1/operations/" + id + "/children"}) {
      Reply r = api.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().get("error").asText()).startsWith("Operation not found");
    }
    for (String path : new String[] {"/api/v1/agent/cancel/" + id, "/api/v1/operations/" + id}) {
      Reply r = api.delete(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().get("reason").asText()).isEqualTo("not_found");
      assertThat(r.json().get("message").asText().length()).isLessThan(200);
    }
  }

  @Test
  void aTenThousandCharacterIdIsA4xxJsonError() {
    Reply r = api.get("/api/v1/operations/" + "a".repeat(10_000));
    assertThat(r.status()).isBetween(400, 499);
    assertThat(r.json().get("success").asBoolean()).isFalse();
  }

  @Test
  void unknownRoutesAre404Json() {
    for (String path :
        new String[] {
          "/",
          "/api/v1",
          "/api/v1/nope",
          "/api/v2/agent/status",
          "/api/v1/operations/op_x/children/more"
        }) {
      Reply r = api.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().get("error").asText()).as(path).isNotBlank();
    }
  }

  @Test
  void wrongMethodsAre405Json() {
    Reply put = api.send("PUT", "/api/v1/agent/trigger", "{}", null);
    assertThat(put.status()).isEqualTo(405);
    assertThat(put.json().get("error").asText()).contains("PUT not allowed");
    assertThat(api.get("/api/v1/agent/trigger").status()).isEqualTo(405);
    assertThat(api.post("/api/v1/agent/status", "{}").status()).isEqualTo(405);
    assertThat(api.send("PATCH", "/api/v1/operations", "{}", null).status()).isEqualTo(405);
  }

  @Test
  void badQueryParametersAre400WithAReason() {
    assertThat(api.get("/api/v1/operations?limit=abc").json().get("error").asText())
        .contains("'limit' must be a whole number");
    assertThat(api.get("/api/v1/operations?limit=0").status()).isEqualTo(400);
    assertThat(api.get("/api/v1/operations?limit=99999").status()).isEqualTo(400);
    assertThat(api.get("/api/v1/operations?offset=-1").status()).isEqualTo(400);
    assertThat(api.get("/api/v1/operations?status=done").json().get("error").asText())
        .contains("Invalid status 'done'");
    assertThat(api.get("/api/v1/operations?operation_type=x").status()).isEqualTo(400);
    assertThat(api.get("/api/v1/operations?active_only=maybe").status()).isEqualTo(400);
    assertThat(api.get("/api/v1/operations?type=training").json().get("error").asText())
        .contains("Unknown query parameter 'type'");
  }

  @Test
  void aMalformedCancelBodyIs400() {
    Reply r =
        api.send(
            "DELETE",
            "/api/v1/agent/cancel/op_agent_research_20260101_000000_deadbeef",
            "{oops",
            null);
    assertThat(r.status()).isEqualTo(400);
    Reply wrong =
        api.send(
            "DELETE",
            "/api/v1/agent/cancel/op_agent_research_20260101_000000_deadbeef",
            "{\"why\": 1}",
            null);
    assertThat(wrong.status()).isEqualTo(422);
  }

  @Test
  void rawGarbageOverTheSocketGetsAJsonError() throws IOException {
    for (String request :
        new String[] {
          "GET /api/v1/operations/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
          "GET /api/v1/operations/a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
          "GARBAGE\r\n\r\n"
        }) {
      String answer = rawExchange(request);
      assertThat(answer).as(request).startsWith("HTTP/1.1 4");
      assertThat(answer).as(request).doesNotContain("<html").doesNotContain("Exception");
    }
  }

  private static String rawExchange(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", api.server().port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
