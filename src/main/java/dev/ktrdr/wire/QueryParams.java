package dev.ktrdr.wire;

/** The query parameters the API reads, by name; the CLI sends the same names. */
public final class QueryParams {
  /** {@code GET /operations}: filter by status word. */
  public static final String STATUS = "status";

  /** {@code GET /operations}: filter by operation type word. */
  public static final String OPERATION_TYPE = "operation_type";

  /** {@code GET /operations}: only pending and running operations. */
  public static final String ACTIVE_ONLY = "active_only";

  /** {@code GET /operations}: page size. */
  public static final String LIMIT = "limit";

  /** {@code GET /operations}: operations to skip. */
  public static final String OFFSET = "offset";

  /** The cancel routes: why (wins over the body's {@code reason}). */
  public static final String REASON = "reason";

  /**
   * {@code GET /events}: first send every operation changed after this version (0: all of them);
   * the {@code Last-Event-ID} header, sent by a reconnecting client, wins over it.
   */
  public static final String SINCE = "since";

  private QueryParams() {}
}
