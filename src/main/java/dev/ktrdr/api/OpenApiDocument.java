package dev.ktrdr.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3 description of every route, built in code next to the routes it describes (the
 * javalin-openapi plugin does not exist for Javalin 7). A test compares it with the registered
 * routes, so a route added without documentation fails the build.
 */
final class OpenApiDocument {
  private final ObjectMapper m;
  private final ObjectNode paths;

  private OpenApiDocument(ObjectMapper m) {
    this.m = m;
    this.paths = m.createObjectNode();
  }

  static ObjectNode build(ObjectMapper mapper, String version) {
    return new OpenApiDocument(mapper).document(version);
  }

  private ObjectNode document(String version) {
    ObjectNode doc = m.createObjectNode();
    doc.put("openapi", "3.0.3");
    ObjectNode info = doc.putObject("info");
    info.put("title", "ktrdr console API");
    info.put("version", version);
    info.put(
        "description",
        "Trigger, watch and cancel researches of the ktrdr research "
            + "coordinator. Errors are JSON: {\"success\": false, \"error\": \"what is wrong\"}, "
            + "except the cancel routes, which answer with the service's reply. Every route "
            + "refuses a Host other than this server's address (421), an Origin other than "
            + "this server's own (403) and a body that is not application/json (415).");
    doc.putArray("servers").addObject().put("url", "/");
    agentRoutes();
    operationRoutes();
    miscRoutes();
    doc.set("paths", paths);
    doc.putObject("components").set("schemas", schemas());
    return doc;
  }

  private void agentRoutes() {
    ObjectNode trigger =
        op(
            "post",
            "/agent/trigger",
            "agent",
            "Start a research",
            "Budget is checked first, then capacity; force overrides both.");
    body(trigger, "TriggerRequest", false);
    reply(trigger, "202", "Research started", ref("Triggered"));
    reply(trigger, "409", "Refused: at_capacity or budget_exhausted", ref("TriggerRefused"));
    reply(trigger, "400", "Malformed JSON", ref("Error"));
    reply(trigger, "413", "Body larger than 64 KB", ref("Error"));
    reply(trigger, "415", "Body not sent as Content-Type: application/json", ref("Error"));
    reply(
        trigger,
        "422",
        "Invalid input: unknown model or field, wrong type, brief too long",
        ref("Error"));

    ObjectNode status = op("get", "/agent/status", "agent", "Coordinator status", null);
    reply(status, "200", "Active researches, workers, budget and capacity", ref("Status"));

    ObjectNode cancel =
        op(
            "delete",
            "/agent/cancel/{operation_id}",
            "agent",
            "Cancel one research",
            "Cancels the research, its running child and frees its worker. Send the header "
                + "X-Ktrdr-Client: cli to be recorded as the CLI.");
    pathParam(cancel, "operation_id", "The research's operation id");
    cancelParams(cancel);
    reply(cancel, "200", "Cancelled", ref("CancelSuccess"));
    reply(cancel, "404", "not_found or not_research", ref("CancelRefused"));
    reply(cancel, "409", "not_cancellable: the research already ended", ref("CancelRefused"));
    reply(cancel, "400", "Malformed JSON body or unknown query parameter", ref("Error"));
    reply(cancel, "422", "Invalid reason", ref("Error"));

    ObjectNode budget = op("get", "/agent/budget", "agent", "Today's model budget", null);
    reply(budget, "200", "Budget in dollars for the current UTC day", ref("Budget"));
  }

  private void operationRoutes() {
    ObjectNode list =
        op(
            "get",
            "/operations",
            "operations",
            "List operations",
            "Newest first. Unknown query parameters are refused.");
    queryParam(
        list,
        "status",
        enumOf("pending", "running", "completed", "failed", "cancelled"),
        "Only operations with this status");
    queryParam(
        list,
        "operation_type",
        enumOf("agent_research", "agent_design", "agent_assessment", "training", "backtesting"),
        "Only operations of this type");
    queryParam(list, "active_only", type("boolean"), "Only pending and running operations");
    ObjectNode limit = type("integer");
    limit.put("minimum", 1).put("maximum", 1000).put("default", 100);
    queryParam(list, "limit", limit, "Page size");
    ObjectNode offset = type("integer");
    offset.put("minimum", 0).put("default", 0);
    queryParam(list, "offset", offset, "Operations to skip");
    reply(list, "200", "One page of operations", ref("OperationList"));
    reply(list, "400", "Invalid query parameter", ref("Error"));

    ObjectNode get = op("get", "/operations/{id}", "operations", "One operation", null);
    pathParam(get, "id", "Operation id");
    reply(get, "200", "The operation", ref("OperationEnvelope"));
    reply(get, "404", "No such operation", ref("Error"));

    ObjectNode children =
        op(
            "get",
            "/operations/{id}/children",
            "operations",
            "Children of an operation",
            "Oldest first, in the list shape.");
    pathParam(children, "id", "Parent operation id");
    reply(children, "200", "The children", ref("OperationList"));
    reply(children, "404", "No such operation", ref("Error"));

    ObjectNode delete =
        op(
            "delete",
            "/operations/{id}",
            "operations",
            "Cancel an operation",
            "A research is cancelled as by /agent/cancel; a child of an active research cancels "
                + "that research.");
    pathParam(delete, "id", "Operation id");
    cancelParams(delete);
    reply(delete, "200", "Cancelled", ref("CancelSuccess"));
    reply(delete, "404", "not_found", ref("CancelRefused"));
    reply(delete, "409", "not_cancellable: the operation already ended", ref("CancelRefused"));
    reply(delete, "400", "Malformed JSON body or unknown query parameter", ref("Error"));
  }

  private void miscRoutes() {
    ObjectNode workers = op("get", "/workers", "workers", "Workers and what they run", null);
    ObjectNode arr = type("array");
    arr.set("items", ref("Worker"));
    reply(workers, "200", "Every registered worker", arr);

    ObjectNode health = op("get", "/health", "system", "Liveness", null);
    reply(health, "200", "The server is up", ref("Health"));

    ObjectNode openapi = op("get", "/openapi.json", "system", "This document", null);
    reply(openapi, "200", "OpenAPI 3 document", type("object"));
  }

  private ObjectNode schemas() {
    ObjectNode s = m.createObjectNode();
    s.set(
        "Error",
        object(
            new String[] {"success", "error"},
            "success",
            type("boolean"),
            "error",
            type("string")));
    s.set(
        "TriggerRequest",
        object(
            new String[0],
            "brief",
            described(
                type("string"),
                "What to research (default: design a new strategy); " + "at most 10000 characters"),
            "model",
            described(type("string"), "opus, sonnet, haiku or a full model id"),
            "bypass_gates",
            described(type("boolean"), "Skip the training and backtest gates"),
            "force",
            described(type("boolean"), "Override the capacity and budget checks")));
    s.set(
        "Triggered",
        object(
            new String[] {"triggered", "operation_id", "model", "message"},
            "triggered",
            type("boolean"),
            "operation_id",
            type("string"),
            "model",
            type("string"),
            "message",
            type("string")));
    s.set(
        "TriggerRefused",
        object(
            new String[] {"triggered", "reason", "message"},
            "triggered",
            type("boolean"),
            "reason",
            enumOf("at_capacity", "budget_exhausted"),
            "active_count",
            type("integer"),
            "limit",
            type("integer"),
            "message",
            type("string")));
    s.set(
        "CancelRequest",
        object(
            new String[0],
            "reason",
            described(
                type("string"), "Why (recorded as cancel_reason); the query parameter wins")));
    s.set(
        "CancelSuccess",
        object(
            new String[] {"success", "operation_id", "child_cancelled", "message"},
            "success",
            type("boolean"),
            "operation_id",
            type("string"),
            "child_cancelled",
            nullable(type("string")),
            "message",
            type("string")));
    s.set(
        "CancelRefused",
        object(
            new String[] {"success", "reason", "message"},
            "success",
            type("boolean"),
            "reason",
            enumOf("not_found", "not_research", "not_cancellable"),
            "message",
            type("string")));
    s.set(
        "Progress",
        object(
            new String[0], "percentage", type("number"), "current_step", nullable(type("string"))));
    ObjectNode params = type("object");
    params.put("additionalProperties", true);
    s.set(
        "Operation",
        object(
            new String[] {"operation_id", "operation_type", "status", "created_at"},
            "operation_id",
            type("string"),
            "parent_operation_id",
            nullable(type("string")),
            "operation_type",
            enumOf("agent_research", "agent_design", "agent_assessment", "training", "backtesting"),
            "status",
            enumOf("pending", "running", "completed", "failed", "cancelled"),
            "created_at",
            dateTime(),
            "started_at",
            nullable(dateTime()),
            "completed_at",
            nullable(dateTime()),
            "progress",
            ref("Progress"),
            "metadata",
            object(new String[0], "parameters", params),
            "error_message",
            nullable(type("string")),
            "result_summary",
            nullable(type("object")),
            "duration_seconds",
            type("number")));
    ObjectNode data = type("array");
    data.set("items", ref("Operation"));
    s.set(
        "OperationList",
        object(
            new String[] {"success", "data", "total_count", "active_count"},
            "success",
            type("boolean"),
            "data",
            data,
            "total_count",
            type("integer"),
            "active_count",
            type("integer")));
    s.set(
        "OperationEnvelope",
        object(
            new String[] {"success", "data"},
            "success",
            type("boolean"),
            "data",
            ref("Operation")));
    ObjectNode researches = type("array");
    researches.set(
        "items",
        object(
            new String[0],
            "operation_id",
            type("string"),
            "phase",
            enumOf("idle", "designing", "training", "backtesting", "assessing"),
            "strategy_name",
            nullable(type("string")),
            "duration_seconds",
            type("number"),
            "child_operation_id",
            nullable(type("string"))));
    ObjectNode count = object(new String[0], "busy", type("integer"), "total", type("integer"));
    s.set(
        "Status",
        object(
            new String[] {"status", "active_researches", "workers", "budget", "capacity"},
            "status",
            enumOf("active", "idle"),
            "active_researches",
            researches,
            "last_cycle",
            nullable(
                object(
                    new String[0],
                    "started_at",
                    dateTime(),
                    "duration_ms",
                    type("integer"),
                    "researches",
                    type("integer"),
                    "errors",
                    type("integer"))),
            "workers",
            object(new String[0], "training", count, "backtesting", count.deepCopy()),
            "budget",
            object(new String[0], "remaining", type("number"), "daily_limit", type("number")),
            "capacity",
            object(new String[0], "active", type("integer"), "limit", type("integer"))));
    s.set(
        "Budget",
        object(
            new String[] {"date", "daily_limit", "today_spend", "remaining"},
            "date",
            described(type("string"), "UTC day, yyyy-MM-dd"),
            "daily_limit",
            type("number"),
            "today_spend",
            type("number"),
            "remaining",
            type("number")));
    s.set(
        "Worker",
        object(
            new String[] {"worker_id", "worker_type", "status"},
            "worker_id",
            type("string"),
            "worker_type",
            enumOf("training", "backtesting"),
            "status",
            enumOf("available", "busy"),
            "current_operation_id",
            nullable(type("string"))));
    s.set(
        "Health",
        object(
            new String[] {"status"},
            "status",
            type("string"),
            "version",
            type("string"),
            "time",
            dateTime()));
    return s;
  }

  private ObjectNode op(String method, String path, String tag, String summary, String text) {
    ObjectNode item =
        paths.has(ApiServer.PREFIX + path)
            ? (ObjectNode) paths.get(ApiServer.PREFIX + path)
            : paths.putObject(ApiServer.PREFIX + path);
    ObjectNode op = item.putObject(method);
    op.putArray("tags").add(tag);
    op.put("summary", summary);
    if (text != null) {
      op.put("description", text);
    }
    op.put("operationId", method + path.replaceAll("[^A-Za-z0-9]+", "_"));
    op.putObject("responses");
    return op;
  }

  private void cancelParams(ObjectNode op) {
    queryParam(
        op,
        "reason",
        type("string"),
        "Why; recorded with the cancel (default " + "\"Cancelled by user\")");
    ObjectNode header = ((ArrayNode) op.get("parameters")).addObject();
    header
        .put("name", AgentEndpoints.CLIENT_HEADER)
        .put("in", "header")
        .put("required", false)
        .put("description", "\"cli\" records the cancel as made by the CLI");
    header.set("schema", type("string"));
    body(op, "CancelRequest", false);
  }

  private void body(ObjectNode op, String schema, boolean required) {
    ObjectNode rb = op.putObject("requestBody");
    rb.put("required", required);
    rb.putObject("content").putObject("application/json").set("schema", ref(schema));
  }

  private void reply(ObjectNode op, String code, String description, ObjectNode schema) {
    ObjectNode r = ((ObjectNode) op.get("responses")).putObject(code);
    r.put("description", description);
    r.putObject("content").putObject("application/json").set("schema", schema);
  }

  private void pathParam(ObjectNode op, String name, String description) {
    ObjectNode p = params(op).addObject();
    p.put("name", name).put("in", "path").put("required", true).put("description", description);
    p.set("schema", type("string"));
  }

  private void queryParam(ObjectNode op, String name, ObjectNode schema, String description) {
    ObjectNode p = params(op).addObject();
    p.put("name", name).put("in", "query").put("required", false).put("description", description);
    p.set("schema", schema);
  }

  private static ArrayNode params(ObjectNode op) {
    return op.has("parameters") ? (ArrayNode) op.get("parameters") : op.putArray("parameters");
  }

  private ObjectNode ref(String schema) {
    return m.createObjectNode().put("$ref", "#/components/schemas/" + schema);
  }

  private ObjectNode type(String type) {
    return m.createObjectNode().put("type", type);
  }

  private ObjectNode dateTime() {
    return type("string").put("format", "date-time");
  }

  private static ObjectNode nullable(ObjectNode schema) {
    return schema.has("$ref") ? schema : schema.put("nullable", true);
  }

  private static ObjectNode described(ObjectNode schema, String text) {
    return schema.put("description", text);
  }

  private ObjectNode enumOf(String... values) {
    ObjectNode s = type("string");
    ArrayNode e = s.putArray("enum");
    for (String v : values) {
      e.add(v);
    }
    return s;
  }

  private ObjectNode object(String[] required, Object... nameSchemaPairs) {
    ObjectNode s = type("object");
    if (required.length > 0) {
      ArrayNode r = s.putArray("required");
      for (String name : required) {
        r.add(name);
      }
    }
    ObjectNode props = s.putObject("properties");
    for (int i = 0; i < nameSchemaPairs.length; i += 2) {
      props.set((String) nameSchemaPairs[i], (ObjectNode) nameSchemaPairs[i + 1]);
    }
    return s;
  }
}
