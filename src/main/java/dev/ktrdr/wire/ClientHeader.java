package dev.ktrdr.wire;

/**
 * The request header a client names itself in; the server records {@code cli} as the canceller
 * ({@code cancelled_by}), anything else as {@code api}.
 */
public final class ClientHeader {
  public static final String NAME = "X-Ktrdr-Client";
  public static final String CLI = "cli";

  private ClientHeader() {}
}
