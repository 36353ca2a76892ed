package dev.ktrdr.api;

import dev.ktrdr.config.ApiTokens;
import dev.ktrdr.config.ApiTokens.Identity;
import dev.ktrdr.config.EnvVar;
import dev.ktrdr.wire.Auth;
import dev.ktrdr.wire.Routes;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With tokens configured, every route but the open ones needs {@code Authorization: Bearer
 * <token>}; a missing or unknown token is a 401 JSON error with {@code WWW-Authenticate}, and the
 * route never runs. The holder of the token is kept on the request ({@link #identity}) so that who
 * cancels comes from the token, not from a header anyone can write.
 *
 * <p>Open without a token: {@code /health} (a load balancer or a worker checks it before it has
 * anything to say) and the API documents ({@code /openapi.json}, the Swagger UI), which describe
 * the API but show or change nothing of its state. Without tokens configured this guard lets all
 * requests through: the server is on loopback, and {@link LocalRequestGuard} keeps pages out.
 */
final class TokenGuard {
  private static final Logger log = LoggerFactory.getLogger(TokenGuard.class);
  private static final String IDENTITY = "ktrdr.identity";

  private final ApiTokens tokens;

  TokenGuard(ApiTokens tokens) {
    this.tokens = tokens;
  }

  static boolean isOpen(String path) {
    return path.equals(Routes.PREFIX + Routes.HEALTH)
        || path.equals(Routes.PREFIX + Routes.OPENAPI)
        || path.equals(DocsEndpoints.UI_PATH)
        || path.startsWith(DocsEndpoints.UI_PATH + "/");
  }

  void check(Context ctx) {
    if (!tokens.required() || isOpen(stripSlash(ctx.path()))) {
      return;
    }
    List<String> values = Collections.list(ctx.req().getHeaders(Auth.HEADER));
    if (values.isEmpty()) {
      throw refuse(
          ctx,
          null,
          "This server requires a token: send 'Authorization: Bearer <token>' (the CLI and the"
              + " console send $"
              + EnvVar.KTRDR_API_TOKEN.name()
              + ")");
    }
    String presented = values.size() == 1 ? bearer(values.get(0)) : null;
    Optional<Identity> who = tokens.identify(presented);
    if (who.isEmpty()) {
      throw refuse(
          ctx,
          "invalid_token",
          presented == null && values.size() == 1
              ? "The Authorization header must be 'Bearer <token>'"
              : "The token is not accepted by this server");
    }
    ctx.attribute(IDENTITY, who.get());
  }

  /** The holder of the request's token, or null when no token was needed. */
  static Identity identity(Context ctx) {
    return ctx.attribute(IDENTITY);
  }

  private static String bearer(String header) {
    String h = header.strip();
    int space = h.indexOf(' ');
    if (space < 0 || !h.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      return null;
    }
    String token = h.substring(space + 1).strip();
    return token.isEmpty() ? null : token;
  }

  private static String stripSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static ApiException refuse(Context ctx, String error, String message) {
    // RFC 6750: the scheme and realm always; error="invalid_token" when a token was sent.
    ctx.header(
        "WWW-Authenticate",
        Auth.SCHEME
            + " realm=\""
            + Auth.REALM
            + "\""
            + (error == null ? "" : ", error=\"" + error + "\""));
    log.warn(
        "Refused {} {} (401): {}",
        ctx.method(),
        Requests.abbreviate(ctx.path()),
        error == null ? "no token" : "token not accepted");
    return new ApiException(401, message);
  }
}
