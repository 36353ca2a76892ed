package dev.ktrdr.operations;

/**
 * Filters and paging for listing operations; null fields do not filter. Results are newest first.
 */
public record OperationQuery(
    OperationStatus status,
    OperationType type,
    boolean activeOnly,
    String parentOperationId,
    int limit,
    int offset) {

  public static final int MAX_LIMIT = 1000;

  public OperationQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be 0 or more");
    }
  }

  public static OperationQuery all() {
    return new OperationQuery(null, null, false, null, 100, 0);
  }

  public OperationQuery withType(OperationType t) {
    return new OperationQuery(status, t, activeOnly, parentOperationId, limit, offset);
  }

  public OperationQuery withStatus(OperationStatus s) {
    return new OperationQuery(s, type, activeOnly, parentOperationId, limit, offset);
  }

  public OperationQuery withLimit(int l) {
    return new OperationQuery(status, type, activeOnly, parentOperationId, l, offset);
  }
}
