package dev.ktrdr.e2e;

import static dev.ktrdr.e2e.KtrdrProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.e2e.KtrdrProcess.Cli;
import dev.ktrdr.e2e.KtrdrProcess.Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens through the real jar: the server and the CLI read them from the environment. */
class TokenIT {
  static final String TOKEN = "e2e-token-0123456789abcdef";
  @TempDir Path dir;

  @Test
  void aServerWithATokenServesOnlyClientsThatSendIt() throws Exception {
    try (Server server =
        Server.start(dir, dir.resolve("token.db"), Map.of("KTRDR_API_TOKEN", TOKEN), "token")) {
      Cli without = cli(server.url(), "agent", "status");
      assertThat(without.code()).isEqualTo(1);
      assertThat(without.err()).contains("requires a token").contains("KTRDR_API_TOKEN");

      Map<String, String> env = Map.of("KTRDR_API_TOKEN", TOKEN);
      String id =
          KtrdrProcess.cliWithEnv(
                  env, server.url(), "agent", "trigger", "--brief", "T INJECT_HOLD:design")
              .triggeredId();
      Cli cancel = KtrdrProcess.cliWithEnv(env, server.url(), "agent", "cancel", id);
      assertThat(cancel.code()).as(cancel.err()).isZero();

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      HttpResponse<String> op =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/operations/" + id))
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode data = new ObjectMapper().readTree(op.body()).get("data");
      assertThat(data.get("status").asText()).isEqualTo("cancelled");
      assertThat(data.path("metadata").path("parameters").path("cancelled_by").asText())
          .isEqualTo("cli");
      assertThat(server.stderrLines()).noneMatch(l -> l.contains(TOKEN));
    }
  }

  @Test
  void listeningOnEveryAddressWithoutATokenIsRefused() throws Exception {
    Path db = dir.resolve("open.db");
    Cli r = cli(null, "serve", "--host", "0.0.0.0", "--port", "0", "--db", db.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("Refusing to listen on 0.0.0.0 without a token");
    assertThat(db).doesNotExist();
  }
}
