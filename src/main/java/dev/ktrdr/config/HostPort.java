package dev.ktrdr.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host (name, IPv4 address or bracketed IPv6 address) with an optional port, as written in an
 * HTTP {@code Host} header or in {@code KTRDR_ALLOWED_HOSTS}. The host is kept in lower case, so
 * two spellings of one name compare equal.
 *
 * @param host the host in lower case; an IPv6 address keeps its brackets ({@code [::1]})
 * @param port the port, or {@link #NO_PORT} when none was written
 */
public record HostPort(String host, int port) {
  public static final int NO_PORT = -1;

  private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");

  /**
   * Parses {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}.
   *
   * @throws IllegalArgumentException saying what is wrong, in words fit for an error message
   */
  public static HostPort parse(String text) {
    String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      throw new IllegalArgumentException("an empty host");
    }
    if (s.contains("://") || s.contains("/")) {
      throw new IllegalArgumentException(
          "'" + text + "' is a URL; write the host name alone, such as devbox or devbox:8000");
    }
    String host;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "' opens '[' but never closes it");
      }
      host = s.substring(0, close + 1);
      String rest = s.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("'" + text + "' has text after ']' that is no port");
        }
        port = rest.substring(1);
      }
      if (!IPV6.matcher(host).matches()) {
        throw new IllegalArgumentException("'" + text + "' is not an IPv6 address in brackets");
      }
    } else {
      int colon = s.indexOf(':');
      if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
        throw new IllegalArgumentException(
            "'" + text + "' has several ':'; write an IPv6 address in brackets, such as [::1]");
      }
      host = colon < 0 ? s : s.substring(0, colon);
      port = colon < 0 ? null : s.substring(colon + 1);
      if (host.equals("*")) {
        throw new IllegalArgumentException("wildcards are not supported; list each host");
      }
      if (!NAME.matcher(host).matches()) {
        throw new IllegalArgumentException("'" + text + "' is not a host name");
      }
    }
    return new HostPort(host, port == null ? NO_PORT : parsePort(port, text));
  }

  private static int parsePort(String port, String text) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("'" + text + "' has no valid port after ':'");
    }
    int p = Integer.parseInt(port);
    if (p < 1 || p > 65_535) {
      throw new IllegalArgumentException("'" + text + "' has a port outside 1 to 65535");
    }
    return p;
  }

  public boolean hasPort() {
    return port != NO_PORT;
  }

  /**
   * True when this allow-list entry admits {@code requested}: the same host, and the same port
   * unless this entry names no port (then any port is admitted). {@code defaultPort} is the port a
   * request without one means (80 for plain HTTP).
   */
  public boolean admits(HostPort requested, int defaultPort) {
    if (!host.equals(requested.host)) {
      return false;
    }
    int asked = requested.hasPort() ? requested.port : defaultPort;
    return !hasPort() || port == asked;
  }

  @Override
  public String toString() {
    return hasPort() ? host + ":" + port : host;
  }
}
