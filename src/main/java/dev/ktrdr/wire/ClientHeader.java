package dev.ktrdr.wire;

/**
 * The request header a client names its kind in. Without named tokens the server records the kind
 * as the canceller ({@code cancelled_by}): {@code cli}, {@code desktop} (a connected console), or
 * {@code api} for anything else. With a named token ({@code KTRDR_API_TOKENS}) the token's name is
 * recorded instead, whatever this header says.
 */
public final class ClientHeader {
  public static final String NAME = "X-Ktrdr-Client";
  public static final String CLI = "cli";
  public static final String DESKTOP = "desktop";

  private ClientHeader() {}
}
