package dev.ktrdr.api;

import dev.ktrdr.operations.EventRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationPage;
import dev.ktrdr.operations.OperationQuery;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Timestamps;
import dev.ktrdr.wire.OperationData;
import dev.ktrdr.wire.OperationEnvelope;
import dev.ktrdr.wire.OperationList;
import dev.ktrdr.wire.OperationLog;
import dev.ktrdr.wire.QueryParams;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The read side of {@code /operations}. */
final class OperationEndpoints {
  static final Set<String> LIST_PARAMS =
      Set.of(
          QueryParams.STATUS,
          QueryParams.OPERATION_TYPE,
          QueryParams.ACTIVE_ONLY,
          QueryParams.LIMIT,
          QueryParams.OFFSET);
  static final int DEFAULT_LIMIT = 100;
  static final int DEFAULT_LOG_LINES = 200;
  static final int MAX_LOG_LINES = 10_000;

  private final OperationsService ops;

  OperationEndpoints(OperationsService ops) {
    this.ops = ops;
  }

  /** Newest first, filtered and paged. */
  void list(Context ctx) {
    Requests.onlyKnownQueryParams(ctx, LIST_PARAMS);
    OperationStatus status =
        enumParam(
            ctx,
            QueryParams.STATUS,
            OperationStatus.values(),
            OperationStatus::wire,
            OperationStatus::fromWire);
    OperationType type =
        enumParam(
            ctx,
            QueryParams.OPERATION_TYPE,
            OperationType.values(),
            OperationType::wire,
            OperationType::fromWire);
    OperationQuery query =
        new OperationQuery(
            status,
            type,
            Requests.boolParam(ctx, QueryParams.ACTIVE_ONLY),
            null,
            Requests.intParam(ctx, QueryParams.LIMIT, DEFAULT_LIMIT, 1, OperationQuery.MAX_LIMIT),
            Requests.intParam(ctx, QueryParams.OFFSET, 0, 0, Integer.MAX_VALUE));
    OperationPage page = ops.list(query);
    ctx.json(listBody(page.operations(), page.totalCount(), page.activeCount()));
  }

  void get(Context ctx) {
    Operation op = find(ctx.pathParam("id"));
    ctx.json(OperationEnvelope.of(WireMapping.operation(op, now())));
  }

  /** The children of one operation, oldest first, in the list shape. */
  void children(Context ctx) {
    Operation parent = find(ctx.pathParam("id"));
    List<Operation> children = ops.children(parent.operationId());
    int active = (int) children.stream().filter(Operation::isActive).count();
    ctx.json(listBody(children, children.size(), active));
  }

  /** The newest lines of one operation's log, oldest first. */
  void log(Context ctx) {
    Requests.onlyKnownQueryParams(ctx, Set.of(QueryParams.LIMIT));
    Operation op = find(ctx.pathParam("id"));
    int limit = Requests.intParam(ctx, QueryParams.LIMIT, DEFAULT_LOG_LINES, 1, MAX_LOG_LINES);
    List<OperationLog.Line> lines = new ArrayList<>();
    for (EventRecord r : ops.history(op.operationId(), limit)) {
      lines.add(
          new OperationLog.Line(
              Timestamps.format(r.ts()),
              r.operationId(),
              r.kind().wire(),
              r.from() == null ? null : r.from().wire(),
              r.to() == null ? null : r.to().wire(),
              r.message()));
    }
    ctx.json(OperationLog.of(lines));
  }

  private Operation find(String id) {
    if (!Requests.plausibleId(id)) {
      throw ApiException.notFound("Operation not found: " + Requests.abbreviate(id));
    }
    return ops.get(id).orElseThrow(() -> ApiException.notFound("Operation not found: " + id));
  }

  private OperationList listBody(List<Operation> list, int total, int active) {
    Instant now = now();
    List<OperationData> data = new ArrayList<>();
    for (Operation op : list) {
      data.add(WireMapping.operation(op, now));
    }
    return OperationList.of(data, total, active);
  }

  private Instant now() {
    return ops.clock().instant();
  }

  private static <E> E enumParam(
      Context ctx,
      String name,
      E[] values,
      java.util.function.Function<E, String> wire,
      java.util.function.Function<String, java.util.Optional<E>> parse) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return parse
        .apply(raw.strip())
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "Invalid "
                        + name
                        + " '"
                        + Requests.abbreviate(raw)
                        + "': use "
                        + Arrays.stream(values).map(wire).collect(Collectors.joining(", "))));
  }
}
