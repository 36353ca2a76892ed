package dev.ktrdr.api;

import dev.ktrdr.config.ApiAccess;
import dev.ktrdr.config.EnvVar;
import dev.ktrdr.config.HostPort;
import dev.ktrdr.config.WebOrigin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps web pages the user happens to visit away from the local API. Listening on 127.0.0.1 keeps
 * other machines out, not the user's own browser, so every request passes three checks before any
 * route runs:
 *
 * <ol>
 *   <li>{@code Host} must be this server's address (127.0.0.1, localhost or [::1] on the bound
 *       port) or a name in {@code KTRDR_ALLOWED_HOSTS}; otherwise 421. This stops DNS rebinding,
 *       where a site points its own name at 127.0.0.1 and then reads the replies.
 *   <li>{@code Origin}, when sent, must be this server's own origin or one in {@code
 *       KTRDR_ALLOWED_ORIGINS}; otherwise 403. {@code Origin: null} (sandboxed and local-file
 *       pages) names no site and is always refused. Requests without {@code Origin} (the CLI, curl)
 *       are not browser-cross-site and pass.
 *   <li>A request with a body, or a POST/PUT/PATCH that declares a content type, must declare
 *       {@code application/json}; otherwise 415. A browser can send text/plain or a form cross-site
 *       without asking first, but must ask (preflight) before sending JSON.
 * </ol>
 *
 * A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) from an allowed origin
 * gets a minimal CORS answer; from any other origin it gets the 403 and no {@code
 * Access-Control-Allow-*} header. Refusals are JSON like every other error and are logged once.
 */
final class LocalRequestGuard {
  private static final Logger log = LoggerFactory.getLogger(LocalRequestGuard.class);

  /** The loopback names; the server listens on a loopback address. */
  private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "[::1]");

  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]");

  private static final Set<HandlerType> BODY_METHODS =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH);
  private static final String ALLOW_METHODS = "GET, POST, DELETE";
  private static final String ALLOW_HEADERS = "Content-Type, " + AgentEndpoints.CLIENT_HEADER;
  static final String JSON_HINT =
      "Send the body as JSON with the header 'Content-Type: application/json'";

  private final List<String> ownHosts;
  private final ApiAccess access;

  /**
   * {@code bindHost} is the address the server listens on; it is one of its own names too, unless
   * it is a wildcard address: pages can reach local servers as http://0.0.0.0:PORT, and that name
   * must stay refused.
   */
  LocalRequestGuard(String bindHost, ApiAccess access) {
    List<String> own = new ArrayList<>(LOOPBACK);
    String bound = bindHost.strip().toLowerCase(Locale.ROOT);
    bound = bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound;
    if (!own.contains(bound) && !WILDCARDS.contains(bound)) {
      own.add(bound);
    }
    this.ownHosts = List.copyOf(own);
    this.access = access;
  }

  /**
   * The before-handler: throws an {@link ApiException} for a refused request (the route never
   * runs), answers an allowed preflight itself, and otherwise lets the request through.
   */
  void check(Context ctx) {
    // The socket's port, not ctx.port(): that one is read from the Host header being checked.
    int port = ctx.req().getLocalPort();
    checkHost(ctx, port);
    WebOrigin origin = checkOrigin(ctx, port);
    if (origin != null && isPreflight(ctx)) {
      ctx.status(204)
          .header("Access-Control-Allow-Origin", origin.toString())
          .header("Access-Control-Allow-Methods", ALLOW_METHODS)
          .header("Access-Control-Allow-Headers", ALLOW_HEADERS)
          .header("Access-Control-Max-Age", "600")
          .header("Vary", "Origin");
      ctx.skipRemainingHandlers();
      return;
    }
    checkContentType(ctx);
    if (origin != null) {
      // Lets a page on an allowed origin read the reply; same-origin pages do not need it.
      ctx.header("Access-Control-Allow-Origin", origin.toString()).header("Vary", "Origin");
    }
  }

  private void checkHost(Context ctx, int port) {
    List<String> values = values(ctx, "Host");
    if (values.size() != 1) {
      throw refuse(ctx, 421, values.isEmpty() ? "Missing Host header" : "Several Host headers");
    }
    if (access.tokens().required()) {
      // Other machines reach the server by names we cannot list in advance; and a rebound page
      // gains nothing, since it cannot send the token that every route but the open ones needs.
      return;
    }
    String raw = values.get(0);
    HostPort requested;
    try {
      requested = HostPort.parse(raw);
    } catch (IllegalArgumentException e) {
      throw refuse(ctx, 421, hostMessage(raw, port));
    }
    int defaultPort = 80; // plain HTTP: a Host without a port means port 80
    for (String own : ownHosts) {
      if (new HostPort(own, port).admits(requested, defaultPort)) {
        return;
      }
    }
    for (HostPort extra : access.extraHosts()) {
      if (extra.admits(requested, defaultPort)) {
        return;
      }
    }
    throw refuse(ctx, 421, hostMessage(raw, port));
  }

  private static String hostMessage(String raw, int port) {
    return "Host '"
        + Requests.abbreviate(raw)
        + "' is not this server's address; use http://127.0.0.1:"
        + port
        + " or http://localhost:"
        + port
        + ", or list the name in "
        + EnvVar.KTRDR_ALLOWED_HOSTS.name();
  }

  /** The allowed origin the request carries, or null when it carries none. */
  private WebOrigin checkOrigin(Context ctx, int port) {
    List<String> values = values(ctx, "Origin");
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw refuse(ctx, 403, "Several Origin headers");
    }
    String raw = values.get(0).strip();
    if (raw.equals("null")) {
      throw refuse(
          ctx,
          403,
          "Requests from pages with 'Origin: null' (sandboxed frames, local files) are refused:"
              + " such a page could be any site");
    }
    WebOrigin origin;
    try {
      origin = WebOrigin.parse(raw);
    } catch (IllegalArgumentException e) {
      throw refuse(ctx, 403, originMessage(raw));
    }
    for (String own : ownHosts) {
      if (origin.equals(WebOrigin.http(own, port))) {
        return origin;
      }
    }
    if (access.extraOrigins().contains(origin)) {
      return origin;
    }
    throw refuse(ctx, 403, originMessage(raw));
  }

  private static String originMessage(String raw) {
    return "Cross-site request refused: pages from '"
        + Requests.abbreviate(raw)
        + "' may not call this API; to allow that origin on purpose, list it in "
        + EnvVar.KTRDR_ALLOWED_ORIGINS.name();
  }

  private static boolean isPreflight(Context ctx) {
    return ctx.method() == HandlerType.OPTIONS
        && ctx.header("Access-Control-Request-Method") != null;
  }

  private static void checkContentType(Context ctx) {
    String type = ctx.header("Content-Type");
    boolean hasBody =
        ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
    boolean declaresType = type != null && !type.isBlank();
    if (!hasBody && !(declaresType && BODY_METHODS.contains(ctx.method()))) {
      return; // no body at all: e.g. a trigger with every field left to its default
    }
    if (declaresType && isJson(type)) {
      return;
    }
    throw refuse(
        ctx,
        415,
        JSON_HINT
            + (declaresType
                ? " (got '" + Requests.abbreviate(type.strip()) + "')"
                : " (no Content-Type was sent)"));
  }

  /** {@code application/json}, with any parameters such as {@code charset=utf-8}. */
  private static boolean isJson(String contentType) {
    int semi = contentType.indexOf(';');
    String media = semi < 0 ? contentType : contentType.substring(0, semi);
    return media.strip().toLowerCase(Locale.ROOT).equals("application/json");
  }

  private static List<String> values(Context ctx, String header) {
    return new ArrayList<>(Collections.list(ctx.req().getHeaders(header)));
  }

  private static ApiException refuse(Context ctx, int status, String message) {
    log.warn(
        "Refused {} {} ({}): {}",
        ctx.method(),
        Requests.abbreviate(ctx.path()),
        status,
        printable(message));
    return new ApiException(status, message);
  }

  /** Header text goes into the log as one line of visible characters. */
  private static String printable(String s) {
    return s.replaceAll("\\p{Cntrl}", "?");
  }
}
