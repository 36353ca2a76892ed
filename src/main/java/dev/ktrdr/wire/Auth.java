package dev.ktrdr.wire;

/**
 * How a client proves who it is: {@code Authorization: Bearer <token>}, the token from {@code
 * KTRDR_API_TOKEN}. The server answers a missing or wrong token with 401 and {@code
 * WWW-Authenticate: Bearer realm="ktrdr"}.
 */
public final class Auth {
  public static final String HEADER = "Authorization";
  public static final String SCHEME = "Bearer";
  public static final String REALM = "ktrdr";

  private Auth() {}

  /** The header value for {@code token}. */
  public static String bearer(String token) {
    return SCHEME + " " + token;
  }
}
