package dev.ktrdr.api;

import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.CancelSource;
import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.agent.reply.CancelRefused;
import dev.ktrdr.config.ApiTokens;
import dev.ktrdr.wire.CancelRequest;
import dev.ktrdr.wire.ClientHeader;
import dev.ktrdr.wire.QueryParams;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code /agent}, {@code /workers} routes: thin adapters onto {@link AgentService}. */
final class AgentEndpoints {
  /** A client that names itself here is recorded as the canceller ({@code cancelled_by}). */
  static final String CLIENT_HEADER = ClientHeader.NAME;

  static final int MAX_REASON_LENGTH = 1000;

  private final AgentService agent;
  private final Requests requests;

  AgentEndpoints(AgentService agent, Requests requests) {
    this.agent = agent;
    this.requests = requests;
  }

  /** 202 triggered; 409 refused (capacity or budget); 422 invalid input. */
  void trigger(Context ctx) {
    dev.ktrdr.wire.TriggerRequest body =
        requests.body(
            ctx, dev.ktrdr.wire.TriggerRequest.class, dev.ktrdr.wire.TriggerRequest.EMPTY);
    TriggerRequest request =
        new TriggerRequest(
                body.brief(), body.model(), body.bypassGatesOrFalse(), body.forceOrFalse())
            .onDataset(body.dataset(), body.symbol(), body.timeframe())
            .withSeed(body.seed());
    // ValidationException (unknown model or dataset, brief too long, bad seed) → 422 in ApiServer
    send(ctx, WireMapping.trigger(agent.trigger(request)));
  }

  void status(Context ctx) {
    ctx.json(WireMapping.status(agent.getStatus()));
  }

  void budget(Context ctx) {
    ctx.json(WireMapping.budget(agent.budget()));
  }

  /** 200 cancelled; 404 not_found / not_research; 409 not_cancellable. */
  void cancel(Context ctx) {
    String id = ctx.pathParam("operation_id");
    String reason = reason(ctx);
    if (!Requests.plausibleId(id)) {
      send(ctx, WireMapping.cancel(CancelRefused.notFound(Requests.abbreviate(id))));
      return;
    }
    send(ctx, WireMapping.cancel(agent.cancel(id, reason, requestedBy(ctx))));
  }

  /** The generic operations cancel; a research delegates to the research cancel. */
  void cancelOperation(Context ctx) {
    String id = ctx.pathParam("id");
    String reason = reason(ctx);
    if (!Requests.plausibleId(id)) {
      send(ctx, WireMapping.cancel(CancelRefused.notFound(Requests.abbreviate(id))));
      return;
    }
    send(ctx, WireMapping.cancel(agent.cancelOperation(id, reason, requestedBy(ctx))));
  }

  void workers(Context ctx) {
    ctx.json(agent.workers().stream().map(WireMapping::worker).collect(Collectors.toList()));
  }

  private static void send(Context ctx, WireMapping.Answer answer) {
    ctx.status(answer.status()).json(answer.body());
  }

  /** {@code ?reason=} wins over a JSON body {@code {"reason": ...}}; both are optional. */
  private String reason(Context ctx) {
    String fromQuery = ctx.queryParam(QueryParams.REASON);
    Requests.onlyKnownQueryParams(ctx, Set.of(QueryParams.REASON));
    String fromBody = requests.body(ctx, CancelRequest.class, CancelRequest.EMPTY).reason();
    String reason = fromQuery != null ? fromQuery : fromBody;
    if (reason != null && reason.length() > MAX_REASON_LENGTH) {
      throw ApiException.unprocessable(
          "reason is too long: " + reason.length() + " characters, at most " + MAX_REASON_LENGTH);
    }
    return reason;
  }

  /**
   * Who cancels ({@code cancelled_by}): a named token's name when the request carried one;
   * otherwise the client kind it names ({@code cli}, {@code desktop}, else {@code api}), which is
   * all a shared token or loopback without a token can tell.
   */
  static String requestedBy(Context ctx) {
    ApiTokens.Identity who = TokenGuard.identity(ctx);
    if (who != null && who.named()) {
      return who.name();
    }
    String client = ctx.header(CLIENT_HEADER);
    String kind = client == null ? "" : client.strip().toLowerCase(Locale.ROOT);
    switch (kind) {
      case ClientHeader.CLI:
        return CancelSource.CLI.wire();
      case ClientHeader.DESKTOP:
        return CancelSource.DESKTOP.wire();
      default:
        return CancelSource.API.wire();
    }
  }
}
