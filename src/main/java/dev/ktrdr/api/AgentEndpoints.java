package dev.ktrdr.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.CancelSource;
import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.agent.reply.CancelRefused;
import dev.ktrdr.agent.reply.CancelReply;
import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.workers.WorkerSnapshot;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code /agent}, {@code /workers} routes: thin adapters onto {@link AgentService}. */
final class AgentEndpoints {
  /** A client that names itself here is recorded as the canceller ({@code cancelled_by}). */
  static final String CLIENT_HEADER = "X-Ktrdr-Client";

  static final List<String> TRIGGER_FIELDS = List.of("brief", "model", "bypass_gates", "force");
  static final List<String> CANCEL_FIELDS = List.of("reason");
  static final int MAX_REASON_LENGTH = 1000;

  private final AgentService agent;
  private final Requests requests;

  AgentEndpoints(AgentService agent, Requests requests) {
    this.agent = agent;
    this.requests = requests;
  }

  /** 202 triggered; 409 refused (capacity or budget); 422 invalid input. */
  void trigger(Context ctx) {
    ObjectNode body = requests.jsonObject(ctx, TRIGGER_FIELDS);
    TriggerRequest request =
        new TriggerRequest(
            Requests.optionalString(body, "brief", TriggerRequest.MAX_BRIEF_LENGTH),
            Requests.optionalString(body, "model", 200),
            Requests.optionalBoolean(body, "bypass_gates"),
            Requests.optionalBoolean(body, "force"));
    TriggerReply reply = agent.trigger(request); // ValidationException → 422 in ApiServer
    ctx.status(reply.triggered() ? 202 : 409).json(reply);
  }

  void status(Context ctx) {
    ctx.json(agent.getStatus());
  }

  void budget(Context ctx) {
    ctx.json(agent.budget());
  }

  /** 200 cancelled; 404 not_found / not_research; 409 not_cancellable; body is the service's. */
  void cancel(Context ctx) {
    String id = ctx.pathParam("operation_id");
    String reason = reason(ctx);
    if (!Requests.plausibleId(id)) {
      respond(ctx, CancelRefused.notFound(Requests.abbreviate(id)));
      return;
    }
    respond(ctx, agent.cancel(id, reason, source(ctx)));
  }

  /** The generic operations cancel; a research delegates to the research cancel. */
  void cancelOperation(Context ctx) {
    String id = ctx.pathParam("id");
    String reason = reason(ctx);
    if (!Requests.plausibleId(id)) {
      respond(ctx, CancelRefused.notFound(Requests.abbreviate(id)));
      return;
    }
    respond(ctx, agent.cancelOperation(id, reason, source(ctx)));
  }

  void workers(Context ctx) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (WorkerSnapshot w : agent.workers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("worker_id", w.workerId());
      m.put("worker_type", w.workerType().wire());
      m.put("status", w.busy() ? "busy" : "available");
      m.put("current_operation_id", w.currentOperationId());
      out.add(m);
    }
    ctx.json(out);
  }

  static void respond(Context ctx, CancelReply reply) {
    int status = 200;
    if (reply instanceof CancelRefused) {
      status = CancelRefused.NOT_CANCELLABLE.equals(((CancelRefused) reply).reason()) ? 409 : 404;
    }
    ctx.status(status).json(reply);
  }

  /** {@code ?reason=} wins over a JSON body {@code {"reason": ...}}; both are optional. */
  private String reason(Context ctx) {
    String fromQuery = ctx.queryParam("reason");
    Requests.onlyKnownQueryParams(ctx, java.util.Set.of("reason"));
    String fromBody =
        Requests.optionalString(
            requests.jsonObject(ctx, CANCEL_FIELDS), "reason", MAX_REASON_LENGTH);
    String reason = fromQuery != null ? fromQuery : fromBody;
    if (reason != null && reason.length() > MAX_REASON_LENGTH) {
      throw ApiException.unprocessable(
          "reason is too long: " + reason.length() + " characters, at most " + MAX_REASON_LENGTH);
    }
    return reason;
  }

  private static CancelSource source(Context ctx) {
    String client = ctx.header(CLIENT_HEADER);
    return client != null && client.strip().toLowerCase(Locale.ROOT).equals("cli")
        ? CancelSource.CLI
        : CancelSource.API;
  }
}
