package dev.ktrdr.config;

import java.util.Locale;

/**
 * A web origin, {@code scheme://host[:port]}, as a browser sends it in an {@code Origin} header or
 * as listed in {@code KTRDR_ALLOWED_ORIGINS}. The port is always explicit (80 or 443 when the text
 * left it out), so {@code http://x} and {@code http://x:80} are the same origin.
 */
public record WebOrigin(String scheme, HostPort hostPort) {

  /**
   * Parses {@code http://host[:port]} or {@code https://host[:port]} (one trailing {@code /} is
   * tolerated, nothing more).
   *
   * @throws IllegalArgumentException saying what is wrong, in words fit for an error message
   */
  public static WebOrigin parse(String text) {
    String s = text == null ? "" : text.strip();
    if (s.equals("null")) {
      // Sandboxed frames, file:// pages and some redirects all send "null": it names no site.
      throw new IllegalArgumentException(
          "'null' (the origin of sandboxed and local-file pages) names no site and cannot be"
              + " allowed");
    }
    if (s.equals("*")) {
      throw new IllegalArgumentException("wildcards are not supported; list each origin");
    }
    int sep = s.indexOf("://");
    if (sep < 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an origin such as http://devbox:3000");
    }
    String scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("'" + text + "' is not an http:// or https:// origin");
    }
    String authority = s.substring(sep + 3);
    if (authority.endsWith("/")) {
      authority = authority.substring(0, authority.length() - 1);
    }
    if (authority.contains("/") || authority.contains("?") || authority.contains("#")) {
      throw new IllegalArgumentException(
          "'" + text + "' has a path; an origin is only scheme://host[:port]");
    }
    if (authority.contains("@")) {
      throw new IllegalArgumentException("'" + text + "' has user information; remove it");
    }
    HostPort hp = HostPort.parse(authority);
    int port = hp.hasPort() ? hp.port() : defaultPort(scheme);
    return new WebOrigin(scheme, new HostPort(hp.host(), port));
  }

  /** The origin of a page served by this program on {@code host:port} over plain HTTP. */
  public static WebOrigin http(String host, int port) {
    return new WebOrigin("http", new HostPort(host, port));
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  /** As a browser writes it: the port is left out when it is the scheme's default. */
  @Override
  public String toString() {
    return hostPort.port() == defaultPort(scheme)
        ? scheme + "://" + hostPort.host()
        : scheme + "://" + hostPort;
  }
}
