package dev.ktrdr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.app.KtrdrCommand;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.DeadPort;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.PhaseGates.Gate;
import dev.ktrdr.testing.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI run in-process (as {@code ktrdr ...}) against a real server: output and exit codes. */
class CliTest {
  @TempDir static Path dir;
  static ApiHarness api;

  /** Each test holds the phases it acts on (by brief); every other phase finishes at once. */
  static final PhaseGates gates = new PhaseGates();

  @BeforeAll
  static void start() {
    api =
        ApiHarness.start(
            dir.resolve("cli.db"),
            TestEngine.instantSettings().withMaxConcurrentResearches(2),
            gates);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  /** One run of the command line: exit code, stdout, stderr. */
  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  static Run ktrdr(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (all.size() > 1 && !all.contains("--url") && !all.contains("--help")) {
      all.add("--url");
      all.add(api.url());
    }
    return run(all.toArray(new String[0]));
  }

  static Run run(String... args) {
    CommandLine cl = KtrdrCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void triggerPrintsTheNewId() {
    Run r =
        ktrdr(
            "agent",
            "trigger",
            "--brief",
            "Explore RSI variations",
            "--model",
            "opus",
            "--bypass-gates");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).matches("Research triggered: op_agent_research_\\w+\\R");
    String id = r.out().trim().substring("Research triggered: ".length());
    Operation op = api.engine().get(id);
    assertThat(op.param("model")).startsWith("claude-opus");
    assertThat(op.param("bypass_gates")).isEqualTo("true");
    api.engine().awaitStatus(id, OperationStatus.COMPLETED);
  }

  @Test
  void atCapacityExplainsAndForcePasses() {
    gates.hold("one", Phase.DESIGNING).hold("two", Phase.DESIGNING).hold("three", Phase.DESIGNING);
    List<String> ids = new ArrayList<>();
    ids.add(api.trigger("one"));
    ids.add(api.trigger("two"));
    Run refused = ktrdr("agent", "trigger", "--brief", "three");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err())
        .isEqualTo(
            String.format(
                "Cannot trigger: at capacity (2 active researches, limit is 2)%n"
                    + "Use --force to override limit%n"));
    Run forced = ktrdr("agent", "trigger", "--brief", "three", "--force");
    assertThat(forced.code()).isZero();
    ids.add(forced.out().trim().substring("Research triggered: ".length()));
    Run cancelAll = ktrdr(concat(new String[] {"agent", "cancel", "--reason", "cleanup"}, ids));
    assertThat(cancelAll.code()).as(cancelAll.err()).isZero();
    for (String id : ids) {
      assertThat(cancelAll.out()).contains("Research cancelled: " + id);
      assertThat(api.engine().get(id).param("cancelled_by")).isEqualTo("cli");
      assertThat(api.engine().get(id).param("cancel_reason")).isEqualTo("cleanup");
    }
  }

  @Test
  void statusHasTheSpecLayout() {
    gates.hold("status", Phase.DESIGNING);
    String id = api.trigger("status");
    gates.awaitHeld("status", Phase.DESIGNING);
    // An earlier test's research may have completed a moment before its last worker was freed.
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> api.engine().agent().workers().stream().noneMatch(w -> w.busy()));
    Run r = ktrdr("agent", "status");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith("Active researches: 1" + System.lineSeparator() + System.lineSeparator());
    assertThat(r.out())
        .containsPattern("  " + id + "  designing    strategy: -\\s+ \\(\\d+m \\d+s\\)");
    assertThat(r.out())
        .contains("Workers: training 0/2, backtest 0/2")
        .containsPattern("Budget: \\$\\d+\\.\\d\\d remaining today")
        .contains("Capacity: 1/2 researches");
    assertThat(ktrdr("agent", "cancel", id).code()).isZero();
  }

  @Test
  void cancelOfAnEndedResearchFailsOnStderr() {
    String id = api.trigger("done");
    api.engine().awaitStatus(id, OperationStatus.COMPLETED);
    Run r = ktrdr("agent", "cancel", id);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().trim()).isEqualTo("Cannot cancel: Cannot cancel completed operation");

    Run json = ktrdr("agent", "cancel", id, "--json");
    assertThat(json.code()).isEqualTo(1);
    assertThat(json.out()).contains("\"reason\" : \"not_cancellable\"");
  }

  @Test
  void cancelWithSeveralIdsReportsEachAndFailsIfOneFails() {
    gates.hold("multi", Phase.DESIGNING);
    String id = api.trigger("multi");
    Run r = ktrdr("agent", "cancel", id, "op_agent_research_20260101_000000_deadbeef");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("Research cancelled: " + id);
    assertThat(r.err())
        .contains(
            "Cannot cancel op_agent_research_20260101_000000_deadbeef: " + "Operation not found");
  }

  @Test
  void cancelWithoutAnIdIsAUsageErrorNamingTheArgument() {
    Run r = ktrdr("agent", "cancel", "--url", api.url());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required parameter: 'OPERATION_ID'");
  }

  @Test
  void jsonPrintsTheRawReply() throws Exception {
    gates.hold("json", Phase.DESIGNING);
    Run r = ktrdr("agent", "status", "--json");
    assertThat(r.code()).isZero();
    assertThat(r.json().has("active_researches")).isTrue();
    Run t = ktrdr("agent", "trigger", "--brief", "json", "--json");
    assertThat(t.json().get("triggered").asBoolean()).isTrue();
    String id = t.json().get("operation_id").asText();
    Run list = ktrdr("ops", "list", "--json", "--type", "agent_research");
    assertThat(list.json().get("success").asBoolean()).isTrue();
    Run get = ktrdr("ops", "get", id, "--json");
    assertThat(get.json().get("data").get("operation_id").asText()).isEqualTo(id);
    assertThat(get.json().has("children")).isTrue();
    Run cancel = ktrdr("agent", "cancel", id, "--json");
    assertThat(cancel.code()).isZero();
    assertThat(cancel.json().get("success").asBoolean()).isTrue();
  }

  @Test
  void opsListIsATable() {
    String id = api.trigger("table");
    api.engine().awaitStatus(id, OperationStatus.COMPLETED);
    Run r =
        ktrdr("ops", "list", "--type", "agent_research", "--status", "completed", "--limit", "5");
    assertThat(r.code()).isZero();
    String[] lines = r.out().split("\\R");
    assertThat(lines[0])
        .startsWith("OPERATION ID")
        .contains("TYPE")
        .contains("STATUS")
        .contains("PROGRESS")
        .contains("DURATION");
    assertThat(r.out())
        .containsPattern(id + "\\s+agent_research\\s+completed\\s+assessing\\s+100%");
    assertThat(r.out()).containsPattern("Showing \\d+ of \\d+ operations");

    Run none = ktrdr("ops", "list", "--status", "pending", "--type", "backtesting");
    assertThat(none.out().trim()).isEqualTo("No operations found.");

    Run bad = ktrdr("ops", "list", "--status", "bogus");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("Error: Invalid status 'bogus'");
  }

  @Test
  void opsGetShowsAllFieldsAndChildren() {
    String id = api.trigger("get me");
    api.engine().awaitStatus(id, OperationStatus.COMPLETED);
    Run r = ktrdr("ops", "get", id);
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Operation:  " + id)
        .contains("Type:       agent_research")
        .contains("Status:     completed")
        .contains("Progress:   100% Complete")
        .contains("Parameters:")
        .contains("  phase: assessing")
        .contains("Result:")
        .contains("  verdict: promising")
        .contains("Children (4):")
        .containsPattern("op_agent_design_\\w+\\s+agent_design\\s+completed");

    Run missing = ktrdr("ops", "get", "op_training_20260101_000000_deadbeef");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err().trim())
        .isEqualTo("Error: Operation not found: op_training_20260101_000000_deadbeef");
  }

  @Test
  void opsCancelOfAChildCancelsItsResearch() {
    gates.hold("ops cancel", Phase.DESIGNING);
    String id = api.trigger("ops cancel");
    Gate design = gates.awaitHeld("ops cancel", Phase.DESIGNING);
    String child = api.engine().childOf(id, Phase.DESIGNING);
    Run run = ktrdr("ops", "cancel", child);
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out().trim())
        .isEqualTo("Research cancelled: " + id + " (child " + child + " cancelled)");
    assertThat(api.engine().status(id)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(api.engine().status(child)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(design.awaitExit()).isTrue();
    assertThat(design.sawCancel()).isTrue();
  }

  @Test
  void theDefaultUrlFormPassesTheServersHostCheck() {
    // KTRDR_API_URL defaults to http://localhost:PORT: OkHttp sends Host localhost:PORT and the
    // body as application/json, both of which the server's request guard requires.
    String url = "http://localhost:" + api.server().port();
    gates.hold("via localhost", Phase.DESIGNING); // still running when the cancel comes
    Run trigger = run("agent", "trigger", "--brief", "via localhost", "--url", url);
    assertThat(trigger.code()).as(trigger.err()).isZero();
    String id = trigger.out().trim().substring("Research triggered: ".length());
    Run cancel = run("agent", "cancel", id, "--url", url);
    assertThat(cancel.code()).as(cancel.err()).isZero();
    assertThat(api.engine().status(id)).isEqualTo(OperationStatus.CANCELLED);
  }

  @Test
  void aHostTheServerRefusesIsReportedInWords() {
    // 0.0.0.0 reaches the loopback server on Linux, but it is not one of the server's names.
    Run r = run("agent", "status", "--url", "http://0.0.0.0:" + api.server().port());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("is not this server's address").doesNotContain("Exception");
  }

  @Test
  void aServerThatIsDownIsOneClearLine() throws Exception {
    try (DeadPort nobody = new DeadPort()) {
      serverDownIsOneClearLine(nobody.url());
    }
  }

  private static void serverDownIsOneClearLine(String url) {
    for (String[] args :
        new String[][] {
          {"agent", "status"},
          {"agent", "trigger"},
          {"agent", "cancel", "op_x"},
          {"ops", "list"},
          {"ops", "get", "op_x"}
        }) {
      Run r = run(concat(args, List.of("--url", url)));
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out()).isEmpty();
      assertThat(r.err())
          .isEqualTo(
              "Error: Could not connect to API at "
                  + url
                  + ". Is the server running?"
                  + System.lineSeparator());
    }
  }

  @Test
  void aBadUrlIsAUsageError() {
    Run r = run("agent", "status", "--url", "localhost:8000");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Invalid API URL 'localhost:8000'");
  }

  @Test
  void helpAndVersion() {
    Run help = run("agent", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("trigger").contains("status").contains("cancel");
    Run version = run("ops", "list", "--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("ktrdr ");
    Run missingSub = run("ops");
    assertThat(missingSub.code()).isEqualTo(2);
    assertThat(missingSub.err()).contains("Missing subcommand");
  }

  private static String[] concat(String[] head, List<String> tail) {
    List<String> all = new ArrayList<>(List.of(head));
    all.addAll(tail);
    return all.toArray(new String[0]);
  }
}
