package dev.ktrdr.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.operations.OperationQuery;
import dev.ktrdr.wire.ApiError;
import dev.ktrdr.wire.BacktestReply;
import dev.ktrdr.wire.BacktestRequest;
import dev.ktrdr.wire.BudgetReport;
import dev.ktrdr.wire.CancelRefusal;
import dev.ktrdr.wire.CancelRequest;
import dev.ktrdr.wire.CancelSuccess;
import dev.ktrdr.wire.DatasetBars;
import dev.ktrdr.wire.DatasetList;
import dev.ktrdr.wire.Health;
import dev.ktrdr.wire.ImportReply;
import dev.ktrdr.wire.ImportRequest;
import dev.ktrdr.wire.OperationChanged;
import dev.ktrdr.wire.OperationEnvelope;
import dev.ktrdr.wire.OperationList;
import dev.ktrdr.wire.OperationLog;
import dev.ktrdr.wire.QueryParams;
import dev.ktrdr.wire.Routes;
import dev.ktrdr.wire.Status;
import dev.ktrdr.wire.StreamDropped;
import dev.ktrdr.wire.TriggerRefusal;
import dev.ktrdr.wire.TriggerRequest;
import dev.ktrdr.wire.Triggered;
import dev.ktrdr.wire.Vocabulary;
import dev.ktrdr.wire.Worker;
import dev.ktrdr.wire.WorkerAssignment;
import dev.ktrdr.wire.WorkerPoll;
import dev.ktrdr.wire.WorkerProgress;
import dev.ktrdr.wire.WorkerProgressReply;
import dev.ktrdr.wire.WorkerRegistered;
import dev.ktrdr.wire.WorkerRegistration;
import dev.ktrdr.wire.WorkerResult;
import dev.ktrdr.wire.WorkerResultReply;

/**
 * The OpenAPI 3.1 description of every route. The routes, their parameters and status codes are
 * listed here, next to each other; every body schema is generated from the wire record the route
 * really sends ({@link WireSchemas}), so no field or enum word is typed twice. A test compares the
 * routes with the registered ones, and another validates real replies against these schemas.
 */
final class OpenApiDocument {
  private final ObjectMapper m;
  private final WireSchemas schemas;
  private final ObjectNode paths;

  private OpenApiDocument(ObjectMapper m) {
    this.m = m;
    this.schemas = new WireSchemas(m);
    this.paths = m.createObjectNode();
  }

  static ObjectNode build(ObjectMapper mapper, String version) {
    return new OpenApiDocument(mapper).document(version);
  }

  private ObjectNode document(String version) {
    ObjectNode doc = m.createObjectNode();
    doc.put("openapi", "3.1.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "ktrdr console API");
    info.put("version", version);
    info.put(
        "description",
        "Trigger, watch and cancel researches of the ktrdr research "
            + "coordinator; list and import price datasets; backtest a rule-based strategy by "
            + "hand. Errors are JSON: {\"success\": false, \"error\": \"what is wrong\"}, "
            + "except the cancel routes, which answer with the service's reply. Every route "
            + "refuses a Host other than this server's address (421), an Origin other than "
            + "this server's own (403) and a body that is not application/json (415). A server"
            + " started with API tokens answers every route but /health and the documents"
            + " with 401 unless the request carries 'Authorization: Bearer <token>'.");
    doc.putArray("servers").addObject().put("url", "/");
    agentRoutes();
    operationRoutes();
    dataRoutes();
    systemRoutes();
    remoteWorkerRoutes();
    doc.set("paths", paths);
    doc.putObject("components").set("schemas", schemas.components());
    return doc;
  }

  private void agentRoutes() {
    ObjectNode trigger =
        op(
            "post",
            Routes.TRIGGER,
            "agent",
            "Start a research",
            "Budget is checked first, then capacity; force overrides both.");
    body(trigger, TriggerRequest.class);
    reply(trigger, 202, "Research started", Triggered.class);
    reply(trigger, 409, "Refused: at_capacity or budget_exhausted", TriggerRefusal.class);
    reply(trigger, 400, "Malformed JSON", ApiError.class);
    reply(trigger, 413, "Body larger than 64 KB", ApiError.class);
    reply(trigger, 415, "Body not sent as Content-Type: application/json", ApiError.class);
    reply(
        trigger,
        422,
        "Invalid input: unknown model, dataset or field, wrong type, brief too long, bad seed",
        ApiError.class);

    ObjectNode status = op("get", Routes.STATUS, "agent", "Coordinator status", null);
    reply(status, 200, "Active researches, workers, budget and capacity", Status.class);

    ObjectNode cancel =
        op(
            "delete",
            Routes.CANCEL,
            "agent",
            "Cancel one research",
            "Cancels the research, its running child and frees its worker. Send the header "
                + AgentEndpoints.CLIENT_HEADER
                + ": cli to be recorded as the CLI.");
    pathParam(cancel, "operation_id", "The research's operation id");
    cancelInput(cancel);
    reply(cancel, 200, "Cancelled", CancelSuccess.class);
    reply(cancel, 404, "not_found or not_research", CancelRefusal.class);
    reply(cancel, 409, "not_cancellable: the research already ended", CancelRefusal.class);
    reply(cancel, 400, "Malformed JSON body or unknown query parameter", ApiError.class);
    reply(cancel, 422, "Invalid reason", ApiError.class);

    ObjectNode budget = op("get", Routes.BUDGET, "agent", "Today's model budget", null);
    reply(budget, 200, "Budget in dollars for the current UTC day", BudgetReport.class);
  }

  private void operationRoutes() {
    ObjectNode list =
        op(
            "get",
            Routes.OPERATIONS,
            "operations",
            "List operations",
            "Newest first. Unknown query parameters are refused.");
    queryParam(
        list, QueryParams.STATUS, vocabulary(Vocabulary.OPERATION_STATUS), "Only this status");
    queryParam(
        list, QueryParams.OPERATION_TYPE, vocabulary(Vocabulary.OPERATION_TYPE), "Only this type");
    queryParam(
        list, QueryParams.ACTIVE_ONLY, type("boolean"), "Only pending and running operations");
    queryParam(
        list,
        QueryParams.LIMIT,
        type("integer")
            .put("minimum", 1)
            .put("maximum", OperationQuery.MAX_LIMIT)
            .put("default", OperationEndpoints.DEFAULT_LIMIT),
        "Page size");
    queryParam(
        list,
        QueryParams.OFFSET,
        type("integer").put("minimum", 0).put("default", 0),
        "Operations to skip");
    reply(list, 200, "One page of operations", OperationList.class);
    reply(list, 400, "Invalid query parameter", ApiError.class);

    ObjectNode get = op("get", Routes.OPERATION, "operations", "One operation", null);
    pathParam(get, "id", "Operation id");
    reply(get, 200, "The operation", OperationEnvelope.class);
    reply(get, 404, "No such operation", ApiError.class);

    ObjectNode children =
        op(
            "get",
            Routes.CHILDREN,
            "operations",
            "Children of an operation",
            "Oldest first, in the list shape.");
    pathParam(children, "id", "Parent operation id");
    reply(children, 200, "The children", OperationList.class);
    reply(children, 404, "No such operation", ApiError.class);

    ObjectNode log =
        op(
            "get",
            Routes.LOG,
            "operations",
            "An operation's log",
            "Its newest lines (status changes and messages), oldest first.");
    pathParam(log, "id", "Operation id");
    queryParam(
        log,
        QueryParams.LIMIT,
        type("integer")
            .put("minimum", 1)
            .put("maximum", OperationEndpoints.MAX_LOG_LINES)
            .put("default", OperationEndpoints.DEFAULT_LOG_LINES),
        "How many of the newest lines");
    reply(log, 200, "The lines", OperationLog.class);
    reply(log, 400, "Invalid query parameter", ApiError.class);
    reply(log, 404, "No such operation", ApiError.class);

    ObjectNode delete =
        op(
            "delete",
            Routes.OPERATION,
            "operations",
            "Cancel an operation",
            "A research is cancelled as by /agent/cancel; a child of an active research cancels "
                + "that research.");
    pathParam(delete, "id", "Operation id");
    cancelInput(delete);
    reply(delete, 200, "Cancelled", CancelSuccess.class);
    reply(delete, 404, "not_found", CancelRefusal.class);
    reply(delete, 409, "not_cancellable: the operation already ended", CancelRefusal.class);
    reply(delete, 400, "Malformed JSON body or unknown query parameter", ApiError.class);
    reply(delete, 422, "Invalid reason", ApiError.class);
  }

  private void dataRoutes() {
    ObjectNode list =
        op(
            "get",
            Routes.DATA,
            "data",
            "List datasets",
            "The bundled sample datasets first, then the imported ones by id.");
    reply(list, 200, "Every dataset a research or a backtest can use", DatasetList.class);
    reply(list, 400, "Unknown query parameter", ApiError.class);

    ObjectNode imp =
        op(
            "post",
            Routes.DATA_IMPORT,
            "data",
            "Import a CSV file of price bars",
            "The whole file or nothing: a bad row refuses the file with its line number. Rows"
                + " repeated, out of order or with prices of zero or less are repaired or left"
                + " out, and reported with gaps and other findings. Bodies up to "
                + ApiServer.MAX_IMPORT_BYTES / (1024 * 1024)
                + " MB.");
    body(imp, ImportRequest.class, true);
    reply(imp, 201, "Imported; the dataset and the import's report", ImportReply.class);
    reply(imp, 400, "Malformed JSON", ApiError.class);
    reply(imp, 409, "A dataset of that name exists (or is being imported)", ApiError.class);
    reply(imp, 413, "Body larger than the import limit", ApiError.class);
    reply(imp, 415, "Body not sent as Content-Type: application/json", ApiError.class);
    reply(
        imp,
        422,
        "A file that cannot be imported (line and problem named), a missing or bad field",
        ApiError.class);

    ObjectNode backtest =
        op(
            "post",
            Routes.BACKTEST,
            "data",
            "One backtest by hand",
            "A rule-based strategy on a whole dataset, under the conventions of a research's"
                + " backtest: a signal on a bar's close fills at the next bar's open, commission"
                + " on every fill, all equity per position.");
    body(backtest, BacktestRequest.class, true);
    reply(backtest, 200, "The metrics, equity curve and trades", BacktestReply.class);
    reply(backtest, 400, "Malformed JSON", ApiError.class);
    reply(backtest, 413, "Body larger than 64 KB", ApiError.class);
    reply(backtest, 415, "Body not sent as Content-Type: application/json", ApiError.class);
    reply(
        backtest,
        422,
        "Unknown dataset or strategy, a bad parameter or commission, a missing field",
        ApiError.class);
  }

  private void systemRoutes() {
    ObjectNode workers = op("get", Routes.WORKERS, "workers", "Workers and what they run", null);
    ObjectNode list = type("array");
    list.set("items", schemas.ref(Worker.class));
    reply(workers, 200, "Every registered worker", list);

    ObjectNode health =
        op(
            "get",
            Routes.HEALTH,
            "system",
            "Health",
            "Checks that the database answers and that the coordinator loop is alive.");
    reply(health, 200, "Healthy", Health.class);
    reply(health, 503, "Unhealthy: problems says what is wrong", Health.class);

    ObjectNode events =
        op(
            "get",
            Routes.EVENTS,
            "operations",
            "Live operation changes (server-sent events)",
            "Send 'Accept: "
                + EventStream.MEDIA_TYPE
                + "'. Each committed change of an operation is an event named '"
                + OperationChanged.EVENT
                + "' whose data is the operation as it is after the change and whose id is its"
                + " version. With the header Last-Event-ID (an EventSource sends it when it"
                + " reconnects) or ?since=N, every operation changed after that version is sent"
                + " first, from the store, oldest change first; then the live changes; ids only"
                + " grow. Without either, only changes from now on. A comment ': keep-alive' is sent"
                + " after "
                + EventStream.DEFAULT_KEEP_ALIVE.toSeconds()
                + " quiet seconds. A client that falls "
                + EventStream.DEFAULT_BUFFER
                + " events behind is sent one event '"
                + StreamDropped.EVENT
                + "' with the reason, and the stream ends; it may reconnect and misses nothing.");
    queryParam(
        events,
        QueryParams.SINCE,
        type("integer").put("minimum", 0),
        "Send every operation changed after this version first (Last-Event-ID wins)");
    ObjectNode lastId = params(events).addObject();
    lastId
        .put("name", "Last-Event-ID")
        .put("in", "header")
        .put("required", false)
        .put("description", "The id of the last event received: resume after it");
    lastId.set("schema", type("integer").put("minimum", 0));
    ObjectNode stream =
        ((ObjectNode) events.get("responses"))
            .putObject("200")
            .put(
                "description",
                "The stream; each event's data is "
                    + OperationChanged.class.getSimpleName()
                    + " ('"
                    + OperationChanged.EVENT
                    + "' events) or "
                    + StreamDropped.class.getSimpleName()
                    + " (the last event of a dropped stream)");
    ObjectNode oneOf = m.createObjectNode();
    oneOf
        .putArray("oneOf")
        .add(schemas.ref(OperationChanged.class))
        .add(schemas.ref(StreamDropped.class));
    stream.putObject("content").putObject(EventStream.MEDIA_TYPE).set("schema", oneOf);
    reply(events, 400, "Bad Last-Event-ID or since, or an unknown query parameter", ApiError.class);
    reply(events, 406, "Not asked for as " + EventStream.MEDIA_TYPE, ApiError.class);

    ObjectNode openapi = op("get", Routes.OPENAPI, "system", "This document", null);
    reply(openapi, 200, "OpenAPI 3.1 document", type("object"));
  }

  /** What {@code ktrdr worker} on another machine calls (README: Running on several machines). */
  private void remoteWorkerRoutes() {
    ObjectNode register =
        op(
            "post",
            Routes.WORKERS,
            "workers",
            "Register a worker process",
            "A worker on another machine registers (again, after a backend restart, with the"
                + " jobs it still runs) and then long-polls. Its lease: unheard for lease_seconds,"
                + " it is lost and its jobs fail with \"worker lost\".");
    body(register, WorkerRegistration.class, true);
    reply(register, 201, "Registered: its id, slots, lease and poll wait", WorkerRegistered.class);
    workerRefusals(register, false);

    ObjectNode poll =
        op(
            "post",
            Routes.WORKER_POLL,
            "workers",
            "Wait for jobs and cancels",
            "Answers at once when there is something, else when something arrives or after"
                + " poll_seconds (empty). Renews the worker's lease. The optional body lists what"
                + " the worker runs: a job handed to it that it does not list is sent again.");
    pathParam(poll, "worker_id", "The id the registration gave");
    body(poll, WorkerPoll.class, false);
    reply(poll, 200, "Jobs to start and operations to stop", WorkerAssignment.class);
    workerRefusals(poll, true);

    ObjectNode progress =
        op("post", Routes.WORKER_PROGRESS, "workers", "Report a job's progress", null);
    pathParam(progress, "worker_id", "The id the registration gave");
    body(progress, WorkerProgress.class, true);
    reply(progress, 200, "keep_running false: stop the job", WorkerProgressReply.class);
    workerRefusals(progress, true);

    ObjectNode result =
        op(
            "post",
            Routes.WORKER_RESULT,
            "workers",
            "Report a job's result or failure",
            "Taken only while the job and its research are active and the worker holds the job.");
    pathParam(result, "worker_id", "The id the registration gave");
    body(result, WorkerResult.class, true);
    reply(result, 200, "Recorded", WorkerResultReply.class);
    reply(
        result,
        409,
        "Refused: the job was cancelled or ended, or this worker does not hold it",
        ApiError.class);
    workerRefusals(result, true);

    ObjectNode bars =
        op(
            "get",
            Routes.DATA_BARS,
            "data",
            "A dataset with all its bars",
            "What a remote worker reads when a job names a dataset it does not bundle.");
    pathParam(bars, "id", "The dataset's id");
    reply(bars, 200, "The dataset and its bars", DatasetBars.class);
    reply(bars, 404, "No such dataset", ApiError.class);
  }

  private void workerRefusals(ObjectNode op, boolean known) {
    if (known) {
      reply(op, 404, "Unknown worker: register again", ApiError.class);
    }
    reply(op, 400, "Malformed JSON", ApiError.class);
    reply(op, 413, "Body too large", ApiError.class);
    reply(op, 415, "Body not sent as Content-Type: application/json", ApiError.class);
    reply(op, 422, "A missing or bad field", ApiError.class);
    reply(op, 503, "This server takes no remote workers", ApiError.class);
  }

  private ObjectNode op(String method, String path, String tag, String summary, String text) {
    String full = ApiServer.PREFIX + path;
    ObjectNode item = paths.has(full) ? (ObjectNode) paths.get(full) : paths.putObject(full);
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

  private void cancelInput(ObjectNode op) {
    queryParam(op, QueryParams.REASON, type("string"), "Why; wins over the body's reason");
    ObjectNode header = params(op).addObject();
    header
        .put("name", AgentEndpoints.CLIENT_HEADER)
        .put("in", "header")
        .put("required", false)
        .put("description", "\"cli\" records the cancel as made by the CLI");
    header.set("schema", type("string"));
    body(op, CancelRequest.class);
  }

  /** A request body that may be left out: an empty body is an empty object. */
  private void body(ObjectNode op, Class<?> record) {
    body(op, record, false);
  }

  private void body(ObjectNode op, Class<?> record, boolean required) {
    ObjectNode rb = op.putObject("requestBody");
    rb.put("required", required);
    rb.putObject("content").putObject("application/json").set("schema", schemas.ref(record));
  }

  private void reply(ObjectNode op, int code, String description, Class<?> record) {
    reply(op, code, description, schemas.ref(record));
  }

  private void reply(ObjectNode op, int code, String description, ObjectNode schema) {
    ObjectNode r = ((ObjectNode) op.get("responses")).putObject(Integer.toString(code));
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

  private ObjectNode vocabulary(Vocabulary v) {
    return m.createObjectNode().put("$ref", "#/" + WireSchemas.COMPONENTS + "/" + v.schemaName());
  }

  private ObjectNode type(String type) {
    return m.createObjectNode().put("type", type);
  }
}
