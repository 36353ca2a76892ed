package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.ApiHarness.Reply;
import dev.ktrdr.testing.Fixtures;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real replies of every route, through the real server, validated against the schemas the server
 * publishes at /openapi.json (draft 2020-12, networknt's validator, formats asserted). A reply with
 * a status the document does not list for its route fails too, and so does a route this test never
 * called.
 */
class SchemaConformanceTest {
  private static final String P = ApiServer.PREFIX;

  @TempDir Path dir;
  private ApiHarness api;
  private JsonNode doc;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Set<String> covered = new LinkedHashSet<>();

  @Test
  void everyRouteAnswersWhatItsSchemaSays() {
    try (ApiHarness h =
        ApiHarness.start(
            dir.resolve("schema.db"),
            // Every design waits at its gate: a research stays in designing for the whole test.
            // A short lease: an empty poll answers after a third of it.
            TestEngine.instantSettings()
                .withMaxConcurrentResearches(2)
                .withWorkerLease(java.time.Duration.ofSeconds(3)),
            new PhaseGates().holdEvery(Phase.DESIGNING))) {
      api = h;
      doc = api.get(P + "/openapi.json").json();
      check("GET", "/openapi.json", "/openapi.json", null);
      check("GET", "/health", "/health", null);
      check("GET", "/agent/status", "/agent/status", null);
      check("GET", "/agent/budget", "/agent/budget", null);
      check("GET", "/workers", "/workers", null);
      check("GET", "/events", "/events", null); // not asked for as an event stream: 406

      // trigger: 202, then 409 at capacity, and the refusals of bad input
      List<String> started = new ArrayList<>();
      Reply r;
      do {
        r =
            check(
                "POST",
                "/agent/trigger",
                "/agent/trigger",
                "{\"brief\": \"schema " + started.size() + "\"}");
        if (r.status() == 202) {
          started.add(r.json().get("operation_id").asText());
        }
      } while (r.status() == 202 && started.size() < 10);
      assertThat(r.status()).isEqualTo(409);
      String research = started.get(0);
      check("POST", "/agent/trigger", "/agent/trigger", "{\"brief\": ");
      check("POST", "/agent/trigger", "/agent/trigger", "{\"force\": \"yes\"}");
      check(
          "POST",
          "/agent/trigger",
          "/agent/trigger",
          "{\"brief\": \"" + "x".repeat(70_000) + "\"}");

      // a running research seen from every read route, nulls included
      api.engine().awaitRunningChild(research, "designing");
      check("GET", "/agent/status", "/agent/status", null);
      check("GET", "/workers", "/workers", null);
      check("GET", "/operations/{id}", "/operations/" + research, null);
      check("GET", "/operations/{id}/children", "/operations/" + research + "/children", null);
      check("GET", "/operations/{id}/log", "/operations/" + research + "/log", null);
      check("GET", "/operations/{id}/log", "/operations/" + research + "/log?limit=0", null);
      check(
          "GET",
          "/operations/{id}/log",
          "/operations/op_training_20260101_000000_deadbeef/log?limit=5",
          null);
      check("GET", "/operations", "/operations?active_only=true", null);
      check("GET", "/operations", "/operations?limit=abc", null);
      check("GET", "/operations/{id}", "/operations/op_training_20260101_000000_deadbeef", null);
      check(
          "GET",
          "/operations/{id}/children",
          "/operations/op_training_20260101_000000_deadbeef/children",
          null);

      // cancel: 200, 409, 404, 422; the generic cancel of a child: 200, then 409 and 404
      check(
          "DELETE",
          "/agent/cancel/{operation_id}",
          "/agent/cancel/" + research,
          "{\"reason\": \"schema check\"}");
      check("DELETE", "/agent/cancel/{operation_id}", "/agent/cancel/" + research, null);
      check(
          "DELETE",
          "/agent/cancel/{operation_id}",
          "/agent/cancel/op_agent_research_20260101_000000_deadbeef",
          null);
      check("DELETE", "/agent/cancel/{operation_id}", "/agent/cancel/" + research, "{\"why\": 1}");
      check(
          "DELETE",
          "/agent/cancel/{operation_id}",
          "/agent/cancel/" + research + "?color=red",
          null);
      String other = started.get(1);
      Operation second = api.engine().awaitRunningChild(other, "designing");
      String child = TestEngine.childIdOf(second);
      check("DELETE", "/agent/cancel/{operation_id}", "/agent/cancel/" + child, null);
      check("DELETE", "/operations/{id}", "/operations/" + child, null);
      check("DELETE", "/operations/{id}", "/operations/" + other, null);
      check("DELETE", "/operations/{id}", "/operations/op_training_20260101_000000_deadbeef", null);
      check("DELETE", "/operations/{id}", "/operations/" + other, "[1]");
      check("DELETE", "/operations/{id}", "/operations/" + other, "{oops");

      // a completed operation with a result, in every read shape
      started.subList(2, started.size()).forEach(id -> api.delete(P + "/agent/cancel/" + id));
      OperationsService ops = api.engine().ops();
      String done = ops.create(OperationType.TRAINING, null, Map.of("epochs", 3)).operationId();
      ops.start(done);
      ops.complete(done, Map.of("accuracy", 0.61, "loss_curve", List.of(0.9, 0.5)));
      check("GET", "/operations/{id}", "/operations/" + done, null);
      check("GET", "/operations/{id}/children", "/operations/" + done + "/children", null);
      check("GET", "/operations", "/operations?limit=1000", null);
      check("GET", "/agent/status", "/agent/status", null);

      // datasets: the list, an import (201, then 409 for the same name, 422 for a bad row,
      // 400 for malformed JSON), backtests by hand (200, 422)
      check("GET", "/data", "/data", null);
      check("GET", "/data", "/data?symbol=AAPL", null);
      // the fixture has a duplicate, an unsorted row, a zero price, an empty row and a gap
      String body =
          ApiJson.mapper()
              .createObjectNode()
              .put("csv", Fixtures.csv("messy.csv"))
              .put("symbol", "TST")
              .put("timeframe", "1d")
              .put("file_name", "messy.csv")
              .toString();
      check("POST", "/data/import", "/data/import", body);
      check("POST", "/data/import", "/data/import", body);
      check(
          "POST",
          "/data/import",
          "/data/import",
          "{\"csv\": \"date,open,high,low,close\\n2024-01-01,1,2,x,1\\n\", \"symbol\": \"T\","
              + " \"timeframe\": \"1d\"}");
      check("POST", "/data/import", "/data/import", "{\"csv\": ");
      check(
          "POST",
          "/backtest",
          "/backtest",
          "{\"dataset\": \"aapl-1d\", \"strategy\": \"sma_cross\", \"params\": {\"fast\": 5,"
              + " \"slow\": 20}, \"long_short\": true}");
      check(
          "POST", "/backtest", "/backtest", "{\"dataset\": \"nope\", \"strategy\": \"sma_cross\"}");
      check("POST", "/backtest", "/backtest", "[");

      // a remote worker: register, poll (nothing to do: empty after the wait), progress and a
      // result for a job it does not hold, the refusals; a dataset's bars
      Reply reg =
          check(
              "POST",
              "/workers",
              "/workers",
              "{\"worker_type\": \"training\", \"capacity\": 2, \"host\": \"box\"}");
      assertThat(reg.status()).isEqualTo(201);
      String worker = reg.json().get("worker_id").asText();
      check("POST", "/workers", "/workers", "{\"worker_type\": \"gpu\", \"capacity\": 1}");
      check("POST", "/workers", "/workers", "{\"worker_type\": \"training\", \"capacity\": 0}");
      check("POST", "/workers", "/workers", "{\"worker_type\": ");
      check("POST", "/workers/{worker_id}/poll", "/workers/" + worker + "/poll", null);
      check("POST", "/workers/{worker_id}/poll", "/workers/nobody/poll", null);
      check(
          "POST",
          "/workers/{worker_id}/progress",
          "/workers/" + worker + "/progress",
          "{\"operation_id\": \"" + research + "\", \"percentage\": 50}");
      check(
          "POST",
          "/workers/{worker_id}/progress",
          "/workers/" + worker + "/progress",
          "{\"operation_id\": \"" + research + "\", \"percentage\": 500}");
      check(
          "POST",
          "/workers/{worker_id}/result",
          "/workers/" + worker + "/result",
          "{\"operation_id\": \"" + research + "\", \"result\": {\"accuracy\": 0.5}}");
      check(
          "POST",
          "/workers/{worker_id}/result",
          "/workers/" + worker + "/result",
          "{\"operation_id\": \"" + research + "\"}");
      check(
          "POST",
          "/workers/{worker_id}/result",
          "/workers/nobody/result",
          "{\"operation_id\": \"" + research + "\", \"error\": \"x\"}");
      check("GET", "/data/{id}/bars", "/data/aapl-1d/bars", null);
      check("GET", "/data/{id}/bars", "/data/nope/bars", null);

      assertThat(covered).containsExactlyInAnyOrderElementsOf(documentedRoutes());
    }
  }

  @Test
  void theValidatorCatchesAReplyThatBreaksTheSchema() {
    doc = ApiJson.mapper().valueToTree(OpenApiDocument.build(ApiJson.mapper(), "test"));
    ObjectNode root = ApiJson.mapper().createObjectNode();
    root.put("$ref", "#/components/schemas/OperationEnvelope");
    root.set("components", doc.get("components"));
    Schema schema = registry.getSchema(root);
    String good =
        "{\"success\": true, \"data\": {\"operation_id\": \"op_1\", \"parent_operation_id\": null,"
            + " \"operation_type\": \"training\", \"status\": \"running\","
            + " \"created_at\": \"2026-01-01T00:00:00.000Z\", \"started_at\": null,"
            + " \"completed_at\": null, \"progress\": {\"percentage\": 5, \"current_step\": null},"
            + " \"metadata\": {\"parameters\": {}}, \"error_message\": null,"
            + " \"result_summary\": null, \"duration_seconds\": 1.5}}";
    assertThat(schema.validate(parse(good))).isEmpty();
    assertThat(schema.validate(parse(good.replace("\"running\"", "\"done\"")))).isNotEmpty();
    assertThat(schema.validate(parse(good.replace("\"started_at\": null, ", "")))).isNotEmpty();
    assertThat(schema.validate(parse(good.replace("1.5}}", "1.5, \"extra\": 1}}")))).isNotEmpty();

    ObjectNode refusal = ApiJson.mapper().createObjectNode();
    refusal.put("$ref", "#/components/schemas/CancelRefusal");
    refusal.set("components", doc.get("components"));
    Schema refusalSchema = registry.getSchema(refusal);
    String refused = "{\"success\": false, \"reason\": \"not_found\", \"message\": \"gone\"}";
    assertThat(refusalSchema.validate(parse(refused))).isEmpty();
    assertThat(refusalSchema.validate(parse(refused.replace("false", "true")))).isNotEmpty();
    assertThat(refusalSchema.validate(parse(refused.replace("not_found", "nope")))).isNotEmpty();
  }

  private static JsonNode parse(String json) {
    try {
      return ApiJson.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Sends the request, finds the schema for its route and status, and validates the reply. */
  private Reply check(String method, String template, String path, String body) {
    Reply r = api.send(method, P + path, body, null);
    String route = method.toLowerCase(Locale.ROOT) + " " + P + template;
    covered.add(route);
    JsonNode operation = doc.path("paths").path(P + template).path(method.toLowerCase(Locale.ROOT));
    assertThat(operation.isMissingNode()).as("%s is documented", route).isFalse();
    JsonNode schema =
        operation
            .path("responses")
            .path(Integer.toString(r.status()))
            .path("content")
            .path("application/json")
            .path("schema");
    assertThat(schema.isMissingNode())
        .as(
            "%s %s answered %d, which the document does not list: %s",
            method, path, r.status(), abbreviate(r.body()))
        .isFalse();
    ObjectNode root = schema.deepCopy();
    root.set("components", doc.get("components"));
    Schema validator = registry.getSchema(root);
    List<Error> errors =
        validator.validate(
            r.json(), ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
    assertThat(errors)
        .as("%s %s → %d %s", method, path, r.status(), abbreviate(r.body()))
        .isEmpty();
    return r;
  }

  private List<String> documentedRoutes() {
    List<String> out = new ArrayList<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p -> p.getValue().fieldNames().forEachRemaining(m -> out.add(m + " " + p.getKey())));
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
