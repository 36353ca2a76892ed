package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.app.KtrdrCommand;
import dev.ktrdr.config.ApiAccess;
import dev.ktrdr.config.ApiTokens;
import dev.ktrdr.config.ConfigException;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Item 4 of issue 11: who may use the API, and who a cancel is recorded as. */
class TokenAuthTest {
  static final String SHARED = "shared-token-0123456789";
  static final String ALICE = "alice-token-0123456789";
  static final String BOB = "bob-token-0123456789abc";

  @TempDir static Path dir;
  static ApiHarness api;
  static final PhaseGates gates = new PhaseGates();
  static final OkHttpClient http = new OkHttpClient();

  @BeforeAll
  static void start() {
    ApiAccess access =
        ApiAccess.localOnly()
            .withTokens(ApiTokens.parse(SHARED, "alice:" + ALICE + ", bob:" + BOB));
    api =
        ApiHarness.start(
            dir.resolve("auth.db"), TestEngine.instantSettings().withApiAccess(access), gates);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  record Answer(int status, String body, String wwwAuthenticate) {}

  static Answer call(String method, String path, String authorization, String client) {
    Request.Builder b = new Request.Builder().url(api.url() + path).method(method, null);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (client != null) {
      b.header("X-Ktrdr-Client", client);
    }
    return send(b);
  }

  static Answer send(Request.Builder b) {
    try (Response r = http.newCall(b.build()).execute()) {
      return new Answer(r.code(), r.body().string(), r.header("WWW-Authenticate"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String trigger(String brief, String token) {
    Request.Builder b =
        new Request.Builder()
            .url(api.url() + "/api/v1/agent/trigger")
            .header("Authorization", "Bearer " + token)
            .post(
                okhttp3.RequestBody.create(
                    "{\"brief\":\"" + brief + "\"}", okhttp3.MediaType.get("application/json")));
    Answer a = send(b);
    assertThat(a.status()).as(a.body()).isEqualTo(202);
    return a.body().replaceAll(".*\"operation_id\":\"([^\"]+)\".*", "$1");
  }

  @Test
  void aRequestWithoutTokenIsRefusedWith401AndAChallenge() {
    Answer a = call("GET", "/api/v1/agent/status", null, null);
    assertThat(a.status()).isEqualTo(401);
    assertThat(a.wwwAuthenticate()).isEqualTo("Bearer realm=\"ktrdr\"");
    assertThat(a.body()).contains("\"success\":false").contains("requires a token");
  }

  @Test
  void aWrongOrMalformedTokenIsRefusedAndSaysSo() {
    Answer wrong = call("GET", "/api/v1/agent/status", "Bearer not-the-token-at-all", null);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.wwwAuthenticate())
        .isEqualTo("Bearer realm=\"ktrdr\", error=\"invalid_token\"");
    assertThat(wrong.body()).contains("not accepted");

    Answer basic = call("GET", "/api/v1/agent/status", "Basic " + SHARED, null);
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.body()).contains("must be 'Bearer <token>'");

    // A prefix of a real token is not the token.
    Answer prefix = call("GET", "/api/v1/agent/status", "Bearer " + SHARED.substring(0, 10), null);
    assertThat(prefix.status()).isEqualTo(401);
  }

  @Test
  void aRefusedWriteChangesNothing() {
    int before = api.engine().ops().countActive(dev.ktrdr.operations.OperationType.AGENT_RESEARCH);
    Request.Builder b =
        new Request.Builder()
            .url(api.url() + "/api/v1/agent/trigger")
            .post(
                okhttp3.RequestBody.create(
                    "{\"brief\":\"sneaky\"}", okhttp3.MediaType.get("application/json")));
    assertThat(send(b).status()).isEqualTo(401);
    assertThat(api.engine().ops().countActive(dev.ktrdr.operations.OperationType.AGENT_RESEARCH))
        .isEqualTo(before);
  }

  @Test
  void everyAcceptedTokenOpensTheRoutes() {
    for (String t : new String[] {SHARED, ALICE, BOB}) {
      assertThat(call("GET", "/api/v1/agent/status", "Bearer " + t, null).status()).isEqualTo(200);
      assertThat(call("GET", "/api/v1/operations", "bearer  " + t, null).status()).isEqualTo(200);
    }
  }

  @Test
  void healthAndTheDocumentsStayOpen() {
    assertThat(call("GET", "/api/v1/health", null, null).status()).isEqualTo(200);
    assertThat(call("GET", "/api/v1/openapi.json", null, null).status()).isEqualTo(200);
    assertThat(call("GET", "/api/docs", null, null).status()).isEqualTo(200);
  }

  @Test
  void withATokenOtherMachinesMayUseAnyHostName() {
    Request.Builder b =
        new Request.Builder()
            .url(api.url() + "/api/v1/agent/status")
            .header("Host", "ktrdr-backend.lan:8000")
            .header("Authorization", "Bearer " + SHARED);
    assertThat(send(b).status()).isEqualTo(200);
  }

  @Test
  void aNamedTokenIsWhoCancelsWhateverTheClientHeaderSays() {
    gates.hold("alice cancels", Phase.DESIGNING);
    String id = trigger("alice cancels", ALICE);
    gates.awaitHeld("alice cancels", Phase.DESIGNING);
    Answer a = call("DELETE", "/api/v1/agent/cancel/" + id, "Bearer " + ALICE, "cli");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(api.engine().status(id)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(api.engine().get(id).param("cancelled_by")).isEqualTo("alice");
  }

  @Test
  void theSharedTokenRecordsTheClientKind() {
    gates.hold("shared cancels", Phase.DESIGNING);
    String id = trigger("shared cancels", SHARED);
    gates.awaitHeld("shared cancels", Phase.DESIGNING);
    Answer a = call("DELETE", "/api/v1/operations/" + id, "Bearer " + SHARED, "desktop");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(api.engine().get(id).param("cancelled_by")).isEqualTo("desktop");
  }

  @Test
  void theCliSendsItsTokenFromAFileAndExplainsA401() throws IOException {
    Path file = dir.resolve("token");
    Files.writeString(file, ALICE + "\n");
    Run ok = ktrdr("agent", "status", "--url", api.url(), "--token-file", file.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("Active researches");

    Run refused = ktrdr("agent", "status", "--url", api.url());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("requires a token").contains("Set KTRDR_API_TOKEN");
  }

  @Test
  void listeningBeyondLoopbackWithoutATokenIsRefusedBeforeAnythingOpens() {
    Path db = dir.resolve("never.db");
    Run r = ktrdr("serve", "--host", "0.0.0.0", "--port", "0", "--db", db.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("Refusing to listen on 0.0.0.0 without a token");
    assertThat(r.err()).contains("KTRDR_API_TOKEN");
    assertThat(db).doesNotExist();

    assertThatThrownBy(() -> ApiAccess.localOnly().withBindHost("0.0.0.0").requireTokenIfExposed())
        .isInstanceOf(ConfigException.class);
    // The API server refuses it too, whoever starts it.
    TestEngine e = api.engine();
    assertThatThrownBy(
            () ->
                ApiServer.start(
                    e.agent(), e.ops(), e.runtime().data(), "0.0.0.0", 0, ApiAccess.localOnly()))
        .isInstanceOf(ApiStartException.class)
        .hasMessageContaining("without a token");
  }

  @Test
  void withATokenTheServerMayListenOnEveryAddress() {
    TestEngine e = api.engine();
    ApiAccess access = ApiAccess.localOnly().withTokens(ApiTokens.parse(SHARED, null));
    try (ApiServer wide =
        ApiServer.start(e.agent(), e.ops(), e.runtime().data(), "0.0.0.0", 0, access)) {
      String url = "http://127.0.0.1:" + wide.port() + "/api/v1/agent/status";
      assertThat(send(new Request.Builder().url(url)).status()).isEqualTo(401);
      assertThat(
              send(new Request.Builder().url(url).header("Authorization", "Bearer " + SHARED))
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void onLoopbackWithoutATokenNothingChanges() {
    assertThat(ApiAccess.isLoopback("127.0.0.1")).isTrue();
    assertThat(ApiAccess.isLoopback("localhost")).isTrue();
    assertThat(ApiAccess.isLoopback("0.0.0.0")).isFalse();
    ApiAccess.localOnly().requireTokenIfExposed(); // no exception
  }

  record Run(int code, String out, String err) {}

  static Run ktrdr(String... args) {
    CommandLine cl = KtrdrCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
