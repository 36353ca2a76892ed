package dev.ktrdr.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where the HTTP API listens and who may use it: the bind address ({@code KTRDR_HOST}, 127.0.0.1 by
 * default), extra {@code Host} names ({@code KTRDR_ALLOWED_HOSTS}), extra browser origins ({@code
 * KTRDR_ALLOWED_ORIGINS}) and the bearer tokens ({@code KTRDR_API_TOKEN}, {@code
 * KTRDR_API_TOKENS}). By default: loopback only, no token, only 127.0.0.1, localhost and [::1] on
 * the bound port.
 */
public record ApiAccess(
    List<HostPort> extraHosts, List<WebOrigin> extraOrigins, ApiTokens tokens, String bindHost) {
  public static final String LOOPBACK_HOST = "127.0.0.1";

  public ApiAccess {
    extraHosts = List.copyOf(extraHosts);
    extraOrigins = List.copyOf(extraOrigins);
    tokens = tokens == null ? ApiTokens.none() : tokens;
    bindHost = bindHost == null || bindHost.isBlank() ? LOOPBACK_HOST : bindHost.strip();
  }

  /** Loopback, no token, with these extra hosts and origins. */
  public ApiAccess(List<HostPort> extraHosts, List<WebOrigin> extraOrigins) {
    this(extraHosts, extraOrigins, ApiTokens.none(), LOOPBACK_HOST);
  }

  /** Only the server's own address and origins. */
  public static ApiAccess localOnly() {
    return new ApiAccess(List.of(), List.of());
  }

  public ApiAccess withTokens(ApiTokens t) {
    return new ApiAccess(extraHosts, extraOrigins, t, bindHost);
  }

  public ApiAccess withBindHost(String host) {
    return new ApiAccess(extraHosts, extraOrigins, tokens, host);
  }

  /** True when {@code host} is a loopback address (a wildcard such as 0.0.0.0 is not). */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Refuses a start that would expose the API without a token: anything but loopback is reachable
   * from other machines, and then every request must prove who sends it.
   *
   * @throws ConfigException saying what to set
   */
  public void requireTokenIfExposed() {
    if (!isLoopback(bindHost) && !tokens.required()) {
      throw new ConfigException(
          "Refusing to listen on "
              + bindHost
              + " without a token: other machines could reach the API. Set "
              + EnvVar.KTRDR_API_TOKEN.name()
              + " (at least "
              + ApiTokens.MIN_LENGTH
              + " characters; clients send it as 'Authorization: Bearer <token>') or "
              + EnvVar.KTRDR_API_TOKENS.name()
              + "=name:token,…, or listen on 127.0.0.1.");
    }
  }
}
