package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.ApiHarness.Reply;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.PhaseGates.Gate;
import dev.ktrdr.testing.TestEngine;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every SPEC §7 route against a real server and engine: status codes and JSON shapes. */
class ApiContractTest {
  @TempDir static Path dir;
  static ApiHarness api;

  /** Each test holds the phases it acts on (by brief); every other phase finishes at once. */
  static final PhaseGates gates = new PhaseGates();

  @BeforeAll
  static void start() {
    api =
        ApiHarness.start(
            dir.resolve("api.db"),
            TestEngine.instantSettings().withMaxConcurrentResearches(3),
            gates);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void triggerAnswers202WithTheNewResearch() {
    Reply r =
        api.post(
            "/api/v1/agent/trigger",
            "{\"brief\": \"Explore RSI\", \"model\": \"haiku\", \"bypass_gates\": true}");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.contentType()).contains("application/json");
    JsonNode j = r.json();
    assertThat(j.get("triggered").asBoolean()).isTrue();
    assertThat(j.get("model").asText()).startsWith("claude-haiku");
    assertThat(j.get("message").asText()).isEqualTo("Research cycle started");
    Operation op = api.engine().get(j.get("operation_id").asText());
    assertThat(op.param("bypass_gates")).isEqualTo("true");
    assertThat(op.param("brief")).isEqualTo("Explore RSI");
    api.engine().awaitStatus(op.operationId(), OperationStatus.COMPLETED);
  }

  @Test
  void anEmptyTriggerBodyUsesTheDefaults() {
    Reply r = api.post("/api/v1/agent/trigger", "");
    assertThat(r.status()).isEqualTo(202);
    api.engine().awaitStatus(r.json().get("operation_id").asText(), OperationStatus.COMPLETED);
  }

  @Test
  void anUnknownModelIs422WithAClearMessage() {
    Reply r = api.post("/api/v1/agent/trigger", "{\"model\": \"gpt-5\"}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().get("success").asBoolean()).isFalse();
    assertThat(r.json().get("error").asText()).contains("Unknown model 'gpt-5'");
  }

  @Test
  void aFullEngineAnswers409AtCapacityAndForcePasses() {
    List<String> started = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      gates.hold("fill " + i, Phase.DESIGNING); // all stay active until cancelled
    }
    for (int i = 1; i <= 3; i++) {
      started.add(api.trigger("fill " + i));
    }
    Reply r = api.post("/api/v1/agent/trigger", "{\"brief\": \"fill 4\"}");
    assertThat(r.status()).isEqualTo(409);
    JsonNode j = r.json();
    assertThat(j.get("triggered").asBoolean()).isFalse();
    assertThat(j.get("reason").asText()).isEqualTo("at_capacity");
    assertThat(j.get("limit").asInt()).isEqualTo(3);
    assertThat(j.get("active_count").asInt()).isEqualTo(3);
    Reply forced = api.post("/api/v1/agent/trigger", "{\"brief\": \"fill 4\", \"force\": true}");
    assertThat(forced.status()).isEqualTo(202);
    started.add(forced.json().get("operation_id").asText());
    for (String id : started) {
      assertThat(api.delete("/api/v1/agent/cancel/" + id).status()).isEqualTo(200);
    }
  }

  @Test
  void budgetExhaustedIs409AndCreatesNothing(@TempDir Path other) {
    try (ApiHarness broke =
        ApiHarness.start(
            other.resolve("b.db"), TestEngine.instantSettings().withDailyBudget(BigDecimal.ZERO))) {
      Reply r = broke.post("/api/v1/agent/trigger", "{}");
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().get("reason").asText()).isEqualTo("budget_exhausted");
      assertThat(broke.get("/api/v1/operations").json().get("total_count").asInt()).isZero();
      Reply budget = broke.get("/api/v1/agent/budget");
      assertThat(budget.status()).isEqualTo(200);
      assertThat(fieldNames(budget.json()))
          .containsExactly("date", "daily_limit", "today_spend", "remaining");
    }
  }

  @Test
  void cancelAnswersWithTheServiceDictAndTheRightStatus() {
    gates.hold("to cancel", Phase.DESIGNING);
    String id = api.trigger("to cancel");
    gates.awaitHeld("to cancel", Phase.DESIGNING);
    Reply ok = api.send("DELETE", "/api/v1/agent/cancel/" + id + "?reason=enough", null, "cli");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(fieldNames(ok.json()))
        .containsExactly("success", "operation_id", "child_cancelled", "message");
    assertThat(ok.json().get("message").asText()).isEqualTo("Research cancelled");
    assertThat(ok.json().get("operation_id").asText()).isEqualTo(id);
    assertThat(ok.json().get("child_cancelled").asText())
        .isEqualTo(api.engine().childOf(id, Phase.DESIGNING));
    Operation op = api.engine().get(id);
    assertThat(op.status()).isEqualTo(OperationStatus.CANCELLED);
    assertThat(op.param("cancel_reason")).isEqualTo("enough");
    assertThat(op.param("cancelled_by")).isEqualTo("cli");

    Reply again = api.delete("/api/v1/agent/cancel/" + id);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("reason").asText()).isEqualTo("not_cancellable");
    assertThat(again.json().get("message").asText()).isEqualTo("Cannot cancel cancelled operation");
  }

  @Test
  void cancelTakesItsReasonFromAJsonBodyAndRecordsTheApi() {
    gates.hold("body reason", Phase.DESIGNING);
    String id = api.trigger("body reason");
    Reply ok =
        api.send("DELETE", "/api/v1/agent/cancel/" + id, "{\"reason\": \"from body\"}", null);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(api.engine().get(id).param("cancel_reason")).isEqualTo("from body");
    assertThat(api.engine().get(id).param("cancelled_by")).isEqualTo("api");
  }

  @Test
  void cancelRefusalsAre404And409() {
    Reply missing = api.delete("/api/v1/agent/cancel/op_agent_research_20260101_000000_deadbeef");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("reason").asText()).isEqualTo("not_found");
    assertThat(missing.json().get("message").asText())
        .isEqualTo("Operation not found: op_agent_research_20260101_000000_deadbeef");

    String id = api.trigger("completes");
    api.engine().awaitStatus(id, OperationStatus.COMPLETED);
    String training = api.engine().get(id).param("training_op_id");
    Reply notResearch = api.delete("/api/v1/agent/cancel/" + training);
    assertThat(notResearch.status()).isEqualTo(404);
    assertThat(notResearch.json().get("reason").asText()).isEqualTo("not_research");

    Reply done = api.delete("/api/v1/agent/cancel/" + id);
    assertThat(done.status()).isEqualTo(409);
    assertThat(done.json().get("message").asText()).isEqualTo("Cannot cancel completed operation");
  }

  @Test
  void statusHasTheSpecShape() {
    Reply r = api.get("/api/v1/agent/status");
    assertThat(r.status()).isEqualTo(200);
    assertThat(fieldNames(r.json()))
        .containsExactly(
            "status", "active_researches", "last_cycle", "workers", "budget", "capacity");
    assertThat(r.json().get("workers").get("training").get("total").asInt()).isEqualTo(2);
    assertThat(r.json().get("capacity").get("limit").asInt()).isEqualTo(3);
  }

  @Test
  void operationsListIsNewestFirstWithCountsAndFilters() {
    String id = api.trigger("listed");
    api.engine().awaitStatus(id, OperationStatus.COMPLETED);
    Reply r = api.get("/api/v1/operations?operation_type=agent_research&limit=1000");
    assertThat(r.status()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(fieldNames(j)).containsExactly("success", "data", "total_count", "active_count");
    List<String> created = new ArrayList<>();
    j.get("data").forEach(op -> created.add(op.get("created_at").asText()));
    assertThat(created).isSortedAccordingTo((a, b) -> b.compareTo(a));
    j.get("data")
        .forEach(op -> assertThat(op.get("operation_type").asText()).isEqualTo("agent_research"));

    Reply page = api.get("/api/v1/operations?status=completed&limit=1&offset=0");
    assertThat(page.json().get("data")).hasSize(1);
    assertThat(page.json().get("data").get(0).get("status").asText()).isEqualTo("completed");
    assertThat(page.json().get("total_count").asInt()).isGreaterThanOrEqualTo(1);

    Reply active = api.get("/api/v1/operations?active_only=true");
    active
        .json()
        .get("data")
        .forEach(op -> assertThat(op.get("status").asText()).isIn("pending", "running"));
  }

  @Test
  void oneOperationHasEveryField() {
    String id = api.trigger("shape");
    api.engine().awaitStatus(id, OperationStatus.COMPLETED);
    Reply r = api.get("/api/v1/operations/" + id);
    assertThat(r.status()).isEqualTo(200);
    JsonNode op = r.json().get("data");
    assertThat(r.json().get("success").asBoolean()).isTrue();
    assertThat(fieldNames(op))
        .containsExactly(
            "operation_id",
            "parent_operation_id",
            "operation_type",
            "status",
            "created_at",
            "started_at",
            "completed_at",
            "progress",
            "metadata",
            "error_message",
            "result_summary",
            "duration_seconds");
    assertThat(op.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(op.get("progress").get("percentage").asDouble()).isEqualTo(100.0);
    assertThat(op.get("progress").get("current_step").asText()).isEqualTo("Complete");
    assertThat(op.get("metadata").get("parameters").get("phase").asText()).isEqualTo("assessing");
    assertThat(op.get("result_summary").get("verdict").asText()).isEqualTo("promising");

    Reply kids = api.get("/api/v1/operations/" + id + "/children");
    assertThat(kids.status()).isEqualTo(200);
    List<String> types = new ArrayList<>();
    kids.json()
        .get("data")
        .forEach(
            c -> {
              types.add(c.get("operation_type").asText());
              assertThat(c.get("parent_operation_id").asText()).isEqualTo(id);
            });
    assertThat(types)
        .containsExactly("agent_design", "training", "backtesting", "agent_assessment");
    assertThat(kids.json().get("total_count").asInt()).isEqualTo(4);
  }

  @Test
  void unknownOperationsAre404() {
    String unknown = "/api/v1/operations/op_training_20260101_000000_deadbeef";
    assertThat(api.get(unknown).status()).isEqualTo(404);
    assertThat(api.get(unknown).json().get("error").asText()).contains("Operation not found");
    assertThat(api.get(unknown + "/children").status()).isEqualTo(404);
    Reply del = api.delete(unknown);
    assertThat(del.status()).isEqualTo(404);
    assertThat(del.json().get("reason").asText()).isEqualTo("not_found");
  }

  @Test
  void deletingAChildCancelsItsResearch() {
    gates.hold("child cancel", Phase.DESIGNING);
    String id = api.trigger("child cancel");
    Gate held = gates.awaitHeld("child cancel", Phase.DESIGNING);
    String design = api.engine().childOf(id, Phase.DESIGNING);
    Reply del = api.delete("/api/v1/operations/" + design);
    assertThat(del.status()).isEqualTo(200);
    assertThat(del.json().get("operation_id").asText()).isEqualTo(id);
    assertThat(del.json().get("child_cancelled").asText()).isEqualTo(design);
    assertThat(api.engine().status(id)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(api.engine().status(design)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(held.awaitExit()).isTrue();
    assertThat(held.sawCancel()).isTrue();
    assertThat(api.delete("/api/v1/operations/" + id).status()).isEqualTo(409);
  }

  @Test
  void workersBudgetAndHealth() {
    Reply w = api.get("/api/v1/workers");
    assertThat(w.status()).isEqualTo(200);
    assertThat(w.json()).hasSize(4);
    JsonNode first = w.json().get(0);
    assertThat(fieldNames(first))
        .containsExactly("worker_id", "worker_type", "status", "current_operation_id");
    w.json()
        .forEach(
            worker ->
                assertThat(worker.get("status").asText())
                    .as("busy exactly when it has an operation")
                    .isEqualTo(worker.get("current_operation_id").isNull() ? "available" : "busy"));
    assertThat(api.get("/api/v1/agent/budget").json().get("daily_limit").asDouble()).isEqualTo(5.0);
    Reply h = api.get("/api/v1/health");
    assertThat(h.status()).isEqualTo(200);
    assertThat(h.json().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void swaggerUiIsServedFromTheWebjar() {
    Reply page = api.get("/api/docs");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).contains("text/html");
    assertThat(page.body()).contains("/api/v1/openapi.json").contains("swagger-ui-bundle.js");
    Reply js = api.get("/api/docs/swagger-ui-bundle.js");
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.body().length()).isGreaterThan(100_000);
    assertThat(api.get("/api/docs/pom.properties").status()).isEqualTo(404);
  }

  @Test
  void aSecondServerOnATakenPortIsRefusedInOneLine() {
    ApiStartException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ApiStartException.class,
            () ->
                ApiServer.start(
                    api.engine().agent(),
                    api.engine().ops(),
                    api.engine().runtime().data(),
                    null,
                    api.server().port()));
    assertThat(e.getMessage())
        .contains("Port " + api.server().port())
        .contains("in use")
        .doesNotContain("\n");
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
