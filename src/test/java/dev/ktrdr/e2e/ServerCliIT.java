package dev.ktrdr.e2e;

import static dev.ktrdr.e2e.KtrdrProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.e2e.KtrdrProcess.Cli;
import dev.ktrdr.e2e.KtrdrProcess.Server;
import dev.ktrdr.testing.DeadPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §12 against the real jar: {@code ktrdr serve} driven by the real CLI, both processes. */
class ServerCliIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void individualCancelLeavesTheOthersToComplete() throws Exception {
    try (Server server = Server.start(dir, dir.resolve("seed.db"), Map.of(), "seed")) {
      String a = cli(server.url(), "agent", "trigger", "--brief", "A").triggeredId();
      // B trains until it is cancelled (the stub's hold marker); A and C run straight through.
      String b =
          cli(server.url(), "agent", "trigger", "--brief", "B INJECT_HOLD:training").triggeredId();
      String c = cli(server.url(), "agent", "trigger", "--brief", "C").triggeredId();
      await()
          .atMost(KtrdrProcess.WAIT)
          .until(
              () ->
                  server.phase(b).equals("training")
                      && server.status(server.param(b, "training_op_id")).equals("running"));
      String bChild = server.param(b, "training_op_id");
      assertThat(server.get("/api/v1/workers"))
          .anySatisfy(w -> assertThat(w.get("current_operation_id").asText()).isEqualTo(bChild));

      Cli cancel = cli(server.url(), "agent", "cancel", b);
      assertThat(cancel.code()).as(cancel.err()).isZero();
      assertThat(cancel.out().trim()).isEqualTo("Research cancelled: " + b);
      assertThat(server.status(b)).isEqualTo("cancelled");
      assertThat(
              server.operation(b).path("metadata").path("parameters").path("cancelled_by").asText())
          .isEqualTo("cli");

      await()
          .atMost(KtrdrProcess.WAIT)
          .until(
              () -> server.status(a).equals("completed") && server.status(c).equals("completed"));
      assertThat(server.status(b)).isEqualTo("cancelled");
      assertThat(server.phase(b)).isEqualTo("training");
      assertThat(server.status(bChild)).isEqualTo("cancelled");
      // The held stub saw its cancel and stopped, and nothing holds a worker any more.
      await()
          .atMost(KtrdrProcess.WAIT)
          .until(
              () -> server.stderrLines().stream().anyMatch(l -> l.contains("stopped " + bChild)));
      await()
          .atMost(KtrdrProcess.WAIT)
          .untilAsserted(
              () ->
                  server
                      .get("/api/v1/workers")
                      .forEach(w -> assertThat(w.get("status").asText()).isEqualTo("available")));

      Cli again = cli(server.url(), "agent", "cancel", a);
      assertThat(again.code()).isEqualTo(1);
      assertThat(again.err().trim()).isEqualTo("Cannot cancel: Cannot cancel completed operation");

      Cli list = cli(server.url(), "ops", "list", "--type", "agent_research");
      assertThat(list.out()).contains(a).contains(b).contains(c);
      assertThat(server.stderrLines())
          .noneMatch(l -> l.contains(" ERROR ") || l.contains("Exception"));
    }
  }

  @Test
  void aWebPageCannotTriggerButTheCliAndAListedOriginCan() throws Exception {
    try (Server server =
        Server.start(
            dir,
            dir.resolve("guard.db"),
            Map.of("KTRDR_ALLOWED_ORIGINS", "http://dash.example:3000"),
            "guard")) {
      HttpClient http = HttpClient.newHttpClient();
      URI trigger = URI.create(server.url() + "/api/v1/agent/trigger");
      // The attack: a simple cross-site POST a page can send without asking.
      HttpResponse<String> attack =
          http.send(
              HttpRequest.newBuilder(trigger)
                  .header("Origin", "http://evil.example")
                  .header("Content-Type", "text/plain")
                  .POST(BodyPublishers.ofString("{\"brief\": \"pwn\", \"force\": true}"))
                  .build(),
              BodyHandlers.ofString());
      assertThat(attack.statusCode()).isEqualTo(403);
      assertThat(attack.body()).contains("KTRDR_ALLOWED_ORIGINS");
      assertThat(server.get("/api/v1/operations").get("total_count").asInt()).isZero();

      // The origin listed in the environment of `ktrdr serve` may call and read the reply.
      HttpResponse<String> listed =
          http.send(
              HttpRequest.newBuilder(trigger)
                  .header("Origin", "http://dash.example:3000")
                  .header("Content-Type", "application/json")
                  .POST(BodyPublishers.ofString("{\"brief\": \"dashboard INJECT_HOLD:design\"}"))
                  .build(),
              BodyHandlers.ofString());
      assertThat(listed.statusCode()).as(listed.body()).isEqualTo(202);
      assertThat(listed.headers().firstValue("Access-Control-Allow-Origin"))
          .hasValue("http://dash.example:3000");

      String fromDashboard = MAPPER.readTree(listed.body()).get("operation_id").asText();

      // The CLI with the default URL form (localhost) passes the Host check.
      String localhost = "http://localhost:" + server.port;
      String fromCli =
          cli(localhost, "agent", "trigger", "--brief", "cli INJECT_HOLD:design").triggeredId();
      Cli cancel = cli(localhost, "agent", "cancel", fromDashboard, fromCli);
      assertThat(cancel.code()).as(cancel.err()).isZero();
      assertThat(server.status(fromDashboard)).isEqualTo("cancelled");
      assertThat(server.status(fromCli)).isEqualTo("cancelled");
      assertThat(server.stderrLines()).noneMatch(l -> l.contains(" ERROR "));
    }
  }

  @Test
  void smokeUsageErrorsAndServerDown() throws Exception {
    Cli noId = cli("http://127.0.0.1:1", "agent", "cancel");
    assertThat(noId.code()).isEqualTo(2);
    assertThat(noId.err()).contains("OPERATION_ID");

    try (DeadPort nobody = new DeadPort()) {
      Cli down = cli(nobody.url(), "agent", "status");
      assertThat(down.code()).isEqualTo(1);
      assertThat(down.err().trim())
          .isEqualTo(
              "Error: Could not connect to API at " + nobody.url() + ". Is the server running?");
      assertThat(down.err()).doesNotContain("Exception");
    }

    Cli version = cli(null, "--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("ktrdr ");
  }

  @Test
  void capacityRefusesTheThirdAndForcePasses() throws Exception {
    try (Server server =
        Server.start(
            dir, dir.resolve("cap.db"), Map.of("AGENT_MAX_CONCURRENT_RESEARCHES", "2"), "cap")) {
      // Every design holds until cancelled, so all three stay active however slow the machine.
      String a =
          cli(server.url(), "agent", "trigger", "--brief", "A INJECT_HOLD:design").triggeredId();
      String b =
          cli(server.url(), "agent", "trigger", "--brief", "B INJECT_HOLD:design").triggeredId();
      Cli third = cli(server.url(), "agent", "trigger", "--brief", "C INJECT_HOLD:design");
      assertThat(third.code()).isEqualTo(1);
      assertThat(third.err())
          .isEqualTo(
              String.format(
                  "Cannot trigger: at capacity (2 active researches, limit is 2)%n"
                      + "Use --force to override limit%n"));
      String c =
          cli(server.url(), "agent", "trigger", "--brief", "C INJECT_HOLD:design", "--force")
              .triggeredId();

      Cli status = cli(server.url(), "agent", "status");
      assertThat(status.out())
          .startsWith(String.format("Active researches: 3%n%n"))
          .contains(a)
          .contains(b)
          .contains(c)
          .contains("Capacity: 3/2 researches");

      Cli cancel = cli(server.url(), "agent", "cancel", a, b, c, "--reason", "done testing");
      assertThat(cancel.code()).as(cancel.err()).isZero();
      for (String id : List.of(a, b, c)) {
        assertThat(server.status(id)).isEqualTo("cancelled");
      }
      assertThat(server.stderrLines()).noneMatch(l -> l.contains(" ERROR "));
    }
  }

  @Test
  void aSecondServerOnTheSameDatabaseIsRefused() throws Exception {
    Path db = dir.resolve("lock.db");
    try (Server first = Server.start(dir, db, Map.of(), "first")) {
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  KtrdrProcess.jar().toString(),
                  "serve",
                  "--port",
                  "0",
                  "--db",
                  db.toString())
              .redirectErrorStream(true);
      Process second = pb.start();
      String output = new String(second.getInputStream().readAllBytes());
      assertThat(second.waitFor()).isEqualTo(1);
      assertThat(output)
          .contains("Error: Database " + db)
          .contains("in use by another ktrdr")
          .doesNotContain("\tat ");

      ProcessBuilder samePort =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  KtrdrProcess.jar().toString(),
                  "serve",
                  "--port",
                  Integer.toString(first.port),
                  "--db",
                  dir.resolve("other.db").toString())
              .redirectErrorStream(true);
      Process third = samePort.start();
      String portOutput = new String(third.getInputStream().readAllBytes());
      assertThat(third.waitFor()).isEqualTo(1);
      assertThat(portOutput)
          .contains("Port " + first.port)
          .contains("already in use")
          .doesNotContain("\tat ")
          .doesNotContain(" ERROR ");
    }
  }

  @Test
  void afterKillMinusNineEveryResearchCompletesAndACancelledOneStaysCancelled() throws Exception {
    Path db = dir.resolve("restart.db");
    String a;
    String b;
    String c;
    String aDesign;
    // An hour-long design: no phase can end before the kill, so the kill is surely mid-research.
    try (Server server = Server.start(dir, db, Map.of("STUB_WORKER_DELAY", "3600"), "before")) {
      a = cli(server.url(), "agent", "trigger", "--brief", "A").triggeredId();
      b = cli(server.url(), "agent", "trigger", "--brief", "B").triggeredId();
      c = cli(server.url(), "agent", "trigger", "--brief", "C").triggeredId();
      assertThat(cli(server.url(), "agent", "cancel", b).code()).isZero();
      await()
          .atMost(KtrdrProcess.WAIT)
          .until(
              () ->
                  !server.param(a, "design_op_id").isEmpty()
                      && server.status(server.param(a, "design_op_id")).equals("running"));
      aDesign = server.param(a, "design_op_id");
      assertThat(server.status(c)).isEqualTo("running");
      server.kill();
    }
    try (Server again = Server.start(dir, db, Map.of(), "after")) {
      assertThat(again.status(b)).isEqualTo("cancelled");
      await()
          .atMost(KtrdrProcess.WAIT)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> again.status(a).equals("completed") && again.status(c).equals("completed"));
      assertThat(again.status(b)).isEqualTo("cancelled");
      JsonNode orphan = again.operation(aDesign);
      assertThat(orphan.get("status").asText()).isEqualTo("failed");
      assertThat(orphan.get("error_message").asText()).isEqualTo("Orphaned by restart");
      Cli status = cli(again.url(), "agent", "status");
      assertThat(status.out()).startsWith(String.format("Active researches: 0%n"));
      assertThat(again.stderrLines()).noneMatch(l -> l.contains(" ERROR "));
    }
  }
}
