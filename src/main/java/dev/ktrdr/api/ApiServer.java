package dev.ktrdr.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.DataService;
import dev.ktrdr.agent.ValidationException;
import dev.ktrdr.config.ApiAccess;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.wire.BacktestRequest;
import dev.ktrdr.wire.CancelRequest;
import dev.ktrdr.wire.ImportRequest;
import dev.ktrdr.wire.Routes;
import dev.ktrdr.wire.TriggerRequest;
import dev.ktrdr.wire.WorkerProgress;
import dev.ktrdr.wire.WorkerRegistration;
import dev.ktrdr.wire.WorkerResult;
import dev.ktrdr.workers.remote.RemoteWorkers;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of SPEC §7 on Javalin, over the same {@link AgentService} the desktop uses. Every
 * refusal is a 4xx JSON body that says what is wrong; nothing a client sends produces a 500 or a
 * stack trace. Handlers run on Jetty's pool and call the (thread-safe, blocking) services.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  public static final String PREFIX = Routes.PREFIX;
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Request bodies are a few hundred bytes; 64 KB leaves room and refuses floods. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** {@code POST /data/import} carries a CSV file: {@link ImportRequest#MAX_BYTES}. */
  public static final int MAX_IMPORT_BYTES = ImportRequest.MAX_BYTES;

  private final Javalin app;
  private final String host;
  private final EventStream events;
  private final RemoteWorkers remote;

  private ApiServer(Javalin app, String host, EventStream events, RemoteWorkers remote) {
    this.app = app;
    this.host = host;
    this.events = events;
    this.remote = remote;
  }

  /**
   * As {@link #start(AgentService, OperationsService, DataService, String, int, ApiAccess)}, local
   * only.
   */
  public static ApiServer start(
      AgentService agent, OperationsService ops, DataService data, String host, int port) {
    return start(agent, ops, data, host, port, ApiAccess.localOnly());
  }

  /**
   * Starts serving on {@code host} (null: 127.0.0.1) and {@code port} (0: a free port) and returns
   * once the port is bound. Every request first passes {@link LocalRequestGuard}: its Host must be
   * this server's address, its Origin (if any) this server's own, its body JSON; {@code access}
   * adds the hosts and origins allowed on purpose.
   *
   * @throws ApiStartException when the port cannot be bound, e.g. it is in use
   */
  public static ApiServer start(
      AgentService agent,
      OperationsService ops,
      DataService data,
      String host,
      int port,
      ApiAccess access) {
    return start(agent, ops, data, null, host, port, access);
  }

  /**
   * As {@link #start(AgentService, OperationsService, DataService, String, int, ApiAccess)}, also
   * taking workers from other machines through {@code remote} (null: the worker routes answer 503).
   */
  public static ApiServer start(
      AgentService agent,
      OperationsService ops,
      DataService data,
      RemoteWorkers remote,
      String host,
      int port,
      ApiAccess access) {
    String bindHost = host == null || host.isBlank() ? access.bindHost() : host;
    if (!ApiAccess.isLoopback(bindHost) && !access.tokens().required()) {
      throw new ApiStartException(
          "Refusing to listen on "
              + bindHost
              + " without a token; set "
              + dev.ktrdr.config.EnvVar.KTRDR_API_TOKEN.name()
              + " or listen on 127.0.0.1");
    }
    ObjectMapper mapper = ApiJson.mapper();
    Requests requests =
        new Requests(
            mapper,
            TriggerRequest.class,
            CancelRequest.class,
            BacktestRequest.class,
            WorkerRegistration.class,
            WorkerProgress.class);
    Requests imports =
        new Requests(
            ApiJson.mapper(MAX_IMPORT_BYTES),
            MAX_IMPORT_BYTES,
            ImportRequest.class,
            WorkerResult.class);
    AgentEndpoints agentRoutes = new AgentEndpoints(agent, requests);
    DataEndpoints dataRoutes = new DataEndpoints(data, requests, imports);
    WorkerEndpoints workerRoutes = new WorkerEndpoints(remote, data, requests, imports);
    OperationEndpoints opRoutes = new OperationEndpoints(ops);
    DocsEndpoints docs = new DocsEndpoints(mapper, agent, ops);
    EventStream events =
        new EventStream(ops, mapper, EventStream.DEFAULT_BUFFER, EventStream.DEFAULT_KEEP_ALIVE);
    LocalRequestGuard guard = new LocalRequestGuard(bindHost, access);
    TokenGuard tokens = new TokenGuard(access.tokens());
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = MAX_BODY_BYTES;
              config.http.prefer405over404 = true;
              config.router.ignoreTrailingSlashes = true;
              config.jsonMapper(new JavalinJackson(mapper, false));
              config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
              config.routes.before(guard::check); // before every path, matched or not
              config.routes.before(tokens::check); // then the token, where one is required
              routes(config, agentRoutes, opRoutes, dataRoutes, docs);
              config.routes.get(PREFIX + Routes.EVENTS, events::handle);
              workerRoutes(config, workerRoutes);
              errors(config);
            });
    try {
      requirePortFree(bindHost, port);
      app.start(bindHost, port);
    } catch (RuntimeException e) {
      events.close();
      try {
        app.stop();
      } catch (RuntimeException ignored) {
        // nothing was serving
      }
      throw e instanceof ApiStartException
          ? e
          : new ApiStartException(describeBindFailure(bindHost, port, e), e);
    }
    log.info("API listening on http://{}:{}{}", bindHost, app.port(), PREFIX);
    if (remote != null) {
      remote.openToWorkers();
    }
    return new ApiServer(app, bindHost, events, remote);
  }

  private static void routes(
      JavalinConfig c,
      AgentEndpoints agent,
      OperationEndpoints ops,
      DataEndpoints data,
      DocsEndpoints docs) {
    c.routes.post(PREFIX + Routes.TRIGGER, agent::trigger);
    c.routes.get(PREFIX + Routes.STATUS, agent::status);
    c.routes.delete(PREFIX + Routes.CANCEL, agent::cancel);
    c.routes.get(PREFIX + Routes.BUDGET, agent::budget);
    c.routes.get(PREFIX + Routes.OPERATIONS, ops::list);
    c.routes.get(PREFIX + Routes.OPERATION, ops::get);
    c.routes.get(PREFIX + Routes.CHILDREN, ops::children);
    c.routes.get(PREFIX + Routes.LOG, ops::log);
    c.routes.delete(PREFIX + Routes.OPERATION, agent::cancelOperation);
    c.routes.get(PREFIX + Routes.WORKERS, agent::workers);
    c.routes.get(PREFIX + Routes.DATA, data::list);
    c.routes.post(PREFIX + Routes.DATA_IMPORT, data::importCsv);
    c.routes.post(PREFIX + Routes.BACKTEST, data::backtest);
    c.routes.get(PREFIX + Routes.HEALTH, docs::health);
    c.routes.get(PREFIX + Routes.OPENAPI, docs::openApi);
    c.routes.get(DocsEndpoints.UI_PATH, docs::swaggerUi);
    c.routes.get(DocsEndpoints.UI_PATH + "/{asset}", docs::swaggerAsset);
  }

  private static void workerRoutes(JavalinConfig c, WorkerEndpoints workers) {
    c.routes.post(PREFIX + Routes.WORKERS, workers::register);
    c.routes.post(PREFIX + Routes.WORKER_POLL, workers::poll);
    c.routes.post(PREFIX + Routes.WORKER_PROGRESS, workers::progress);
    c.routes.post(PREFIX + Routes.WORKER_RESULT, workers::result);
    c.routes.get(PREFIX + Routes.DATA_BARS, workers::bars);
  }

  private static void errors(JavalinConfig c) {
    c.routes.exception(
        ApiException.class,
        (e, ctx) -> {
          Requests.discardUnreadBody(ctx); // so that a client still sending reads the refusal
          ctx.status(e.status()).json(e.body() != null ? e.body() : ApiJson.error(e.getMessage()));
        });
    c.routes.exception(
        ValidationException.class, (e, ctx) -> ctx.status(422).json(ApiJson.error(e.getMessage())));
    c.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          Requests.discardUnreadBody(ctx);
          ctx.status(e.getStatus()).json(ApiJson.error(describe(e, ctx)));
        });
    c.routes.exception(
        Exception.class,
        (e, ctx) -> {
          // A bug, not a bad request: say so in one log line with the route, keep serving.
          log.error("Unexpected failure on {} {}: {}", ctx.method(), ctx.path(), e.toString());
          log.debug("Stack trace", e);
          ctx.status(500).json(ApiJson.error("Internal error: " + e.getClass().getSimpleName()));
        });
    // Javalin answers unmatched routes itself; make sure those answers are JSON too.
    c.routes.error(404, ApiServer::jsonIfNotYet);
    c.routes.error(405, ApiServer::jsonIfNotYet);
  }

  private static void jsonIfNotYet(Context ctx) {
    Requests.discardUnreadBody(ctx);
    String type = ctx.res().getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).contains("json")) {
      ctx.json(
          ApiJson.error(
              ctx.statusCode() == 405
                  ? "Method " + ctx.method() + " not allowed on " + Requests.abbreviate(ctx.path())
                  : "No such route: " + ctx.method() + " " + Requests.abbreviate(ctx.path())));
    }
  }

  private static String describe(HttpResponseException e, Context ctx) {
    switch (e.getStatus()) {
      case 404:
        return "No such route: " + ctx.method() + " " + Requests.abbreviate(ctx.path());
      case 405:
        return "Method " + ctx.method() + " not allowed on " + Requests.abbreviate(ctx.path());
      case 413:
        return Requests.tooLarge(MAX_BODY_BYTES).getMessage();
      default:
        return e.getMessage() == null || e.getMessage().isBlank()
            ? "Request refused (" + e.getStatus() + ")"
            : e.getMessage();
    }
  }

  /** Checked first so that a taken port is one clear line, not a Javalin error in the log. */
  private static void requirePortFree(String host, int port) {
    if (port == 0) {
      return;
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(host, port));
    } catch (java.io.IOException e) {
      throw new ApiStartException(
          describeBindFailure(host, port, new IllegalStateException(e.getMessage(), e)), e);
    }
  }

  private static String describeBindFailure(String host, int port, RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof java.net.BindException
        || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("in use")) {
      return "Port "
          + port
          + " on "
          + host
          + " is already in use (another ktrdr server?). "
          + "Pick another with --port or KTRDR_PORT.";
    }
    return "Cannot serve the API on "
        + host
        + ":"
        + port
        + ": "
        + (root.getMessage() == null ? root.toString() : root.getMessage());
  }

  /** The port actually bound (useful after asking for port 0). */
  public int port() {
    return app.port();
  }

  public String host() {
    return host;
  }

  /** Clients connected to the event stream now. */
  int eventClients() {
    return events.clientCount();
  }

  /** Every HTTP route registered, as {@code "GET /api/v1/health"}; for docs and tests. */
  public List<String> routes() {
    List<String> out = new ArrayList<>();
    for (ParsedEndpoint p : app.unsafe.internalRouter.allHttpHandlers()) {
      HandlerType m = p.endpoint.method;
      if (m.isHttpMethod()) {
        out.add(m.name() + " " + p.endpoint.path);
      }
    }
    return out;
  }

  /** Stops accepting requests and waits for those in flight; the services stay open. */
  @Override
  public void close() {
    if (remote != null) {
      remote.answerPolls(); // while their requests can still be answered
    }
    events.close(); // streams end first, or stopping would wait for them
    app.stop();
    log.info("API stopped");
  }
}
