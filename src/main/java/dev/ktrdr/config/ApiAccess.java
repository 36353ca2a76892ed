package dev.ktrdr.config;

import java.util.List;

/**
 * Who besides the server's own address may use the HTTP API: extra {@code Host} names ({@code
 * KTRDR_ALLOWED_HOSTS}) and extra browser origins ({@code KTRDR_ALLOWED_ORIGINS}). Both are empty
 * by default, which admits only 127.0.0.1, localhost and [::1] on the bound port.
 */
public record ApiAccess(List<HostPort> extraHosts, List<WebOrigin> extraOrigins) {
  public ApiAccess {
    extraHosts = List.copyOf(extraHosts);
    extraOrigins = List.copyOf(extraOrigins);
  }

  /** Only the server's own address and origins. */
  public static ApiAccess localOnly() {
    return new ApiAccess(List.of(), List.of());
  }
}
