package dev.ktrdr.operations;

import dev.ktrdr.db.Database;
import dev.ktrdr.db.WriteTx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@link OperationStore} on the embedded SQLite {@link Database}: reads on its read-only pool,
 * writes on its one writer thread.
 */
public final class SqliteOperationStore implements OperationStore {
  private static final String SELECT = OperationRows.SELECT;
  private static final String ACTIVE = OperationRows.ACTIVE;

  private final Database db;

  /** The global change sequence; only the writer thread moves it. */
  private final AtomicLong versions;

  public SqliteOperationStore(Database db) {
    this.db = db;
    this.versions =
        new AtomicLong(
            db.read(
                c -> {
                  try (PreparedStatement ps =
                          c.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM operations");
                      ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                  }
                }));
  }

  @Override
  public Optional<Operation> find(String operationId) {
    return db.read(c -> findIn(c, operationId));
  }

  private static Optional<Operation> findIn(Connection c, String operationId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE o.operation_id = ?")) {
      ps.setString(1, operationId);
      List<Operation> found = OperationRows.read(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  @Override
  public List<Operation> findAll(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> all = new ArrayList<>(new LinkedHashSet<>(ids));
    List<Operation> out = new ArrayList<>(all.size());
    // In slices: SQLite limits the number of bound parameters of one statement.
    for (int from = 0; from < all.size(); from += 500) {
      List<String> slice = all.subList(from, Math.min(all.size(), from + 500));
      String marks = String.join(",", Collections.nCopies(slice.size(), "?"));
      out.addAll(
          db.read(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(SELECT + " WHERE o.operation_id IN (" + marks + ")")) {
                  int i = 1;
                  for (String id : slice) {
                    ps.setString(i++, id);
                  }
                  return OperationRows.read(ps);
                }
              }));
    }
    return out;
  }

  @Override
  public OperationPage list(OperationQuery q) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE 1=1");
    if (q.status() != null) {
      where.append(" AND o.status = ?");
      args.add(q.status().wire());
    }
    if (q.type() != null) {
      where.append(" AND o.operation_type = ?");
      args.add(q.type().wire());
    }
    if (q.activeOnly()) {
      where.append(" AND ").append(ACTIVE);
    }
    if (q.parentOperationId() != null) {
      where.append(" AND o.parent_operation_id = ?");
      args.add(q.parentOperationId());
    }
    return db.read(
        c -> {
          List<Operation> rows;
          try (PreparedStatement ps =
              c.prepareStatement(
                  SELECT + where + " ORDER BY o.created_at DESC, o.rowid DESC LIMIT ? OFFSET ?")) {
            int i = bind(ps, args);
            ps.setInt(i++, q.limit());
            ps.setInt(i, q.offset());
            rows = OperationRows.read(ps);
          }
          int total;
          int active;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*), COALESCE(SUM(CASE WHEN "
                      + ACTIVE
                      + " THEN 1 ELSE 0 END), 0) FROM operations o"
                      + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              total = rs.getInt(1);
              active = rs.getInt(2);
            }
          }
          return new OperationPage(rows, total, active);
        });
  }

  @Override
  public List<Operation> children(String parentId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  SELECT + " WHERE o.parent_operation_id = ? ORDER BY o.created_at, o.rowid")) {
            ps.setString(1, parentId);
            return OperationRows.read(ps);
          }
        });
  }

  @Override
  public List<Operation> changedSince(long afterVersion, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(SELECT + " WHERE o.version > ? ORDER BY o.version LIMIT ?")) {
            ps.setLong(1, afterVersion);
            ps.setInt(2, limit);
            return OperationRows.read(ps);
          }
        });
  }

  @Override
  public List<Operation> active(OperationType type) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  SELECT
                      + " WHERE o.operation_type = ? AND "
                      + ACTIVE
                      + " ORDER BY o.created_at, o.rowid")) {
            ps.setString(1, type.wire());
            return OperationRows.read(ps);
          }
        });
  }

  @Override
  public int countActive(OperationType type) {
    return db.read(c -> countActiveIn(c, type));
  }

  private static int countActiveIn(Connection c, OperationType type) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM operations o WHERE o.operation_type = ? AND " + ACTIVE)) {
      ps.setString(1, type.wire());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Override
  public List<EventRecord> history(String operationId, int limit) {
    return db.read(
        c -> {
          String sql =
              "SELECT ts, operation_id, event, from_status, to_status, message FROM ("
                  + "SELECT * FROM operation_events"
                  + (operationId == null ? "" : " WHERE operation_id = ?")
                  + " ORDER BY event_id DESC LIMIT ?) e ORDER BY event_id";
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (operationId != null) {
              ps.setString(i++, operationId);
            }
            ps.setInt(i, limit);
            List<EventRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new EventRecord(
                        Timestamps.parse(rs.getString(1)),
                        rs.getString(2),
                        OperationEvent.Kind.valueOf(
                            rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                        OperationRows.status(rs.getString(4)),
                        OperationRows.status(rs.getString(5)),
                        rs.getString(6)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public List<StatusChange> statusChangesSince(long afterEventId, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT e.event_id, e.operation_id, o.operation_type, o.parent_operation_id"
                      + " FROM operation_events e JOIN operations o"
                      + " ON o.operation_id = e.operation_id"
                      + " WHERE e.event_id > ? AND e.event IN ('created','status')"
                      + " ORDER BY e.event_id LIMIT ?")) {
            ps.setLong(1, afterEventId);
            ps.setInt(2, limit);
            List<StatusChange> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new StatusChange(
                        rs.getLong(1),
                        rs.getString(2),
                        OperationType.fromWire(rs.getString(3)).orElseThrow(),
                        rs.getString(4)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public long lastEventId() {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT COALESCE(MAX(event_id), 0) FROM operation_events");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public <T> CompletableFuture<T> write(
      Function<OperationWrites, T> unit,
      boolean urgent,
      Clock clock,
      Consumer<List<OperationEvent>> published) {
    return db.write(
        tx -> {
          Writes w = new Writes(tx, clock);
          T result = unit.apply(w);
          if (!w.events.isEmpty()) {
            List<OperationEvent> events = List.copyOf(w.events);
            tx.afterCommit(() -> published.accept(events));
          }
          return result;
        },
        urgent);
  }

  @Override
  public <T> T await(CompletableFuture<T> write) {
    return db.await(write);
  }

  @Override
  public void close() {
    db.close();
  }

  private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
    int i = 1;
    for (Object a : args) {
      ps.setObject(i++, a);
    }
    return i;
  }

  /** The writes of one unit, on the writer's connection; collects the events to publish. */
  private final class Writes implements OperationWrites {
    private final WriteTx tx;
    private final Instant now;
    final List<OperationEvent> events = new ArrayList<>(4);

    Writes(WriteTx tx, Clock clock) {
      this.tx = tx;
      this.now = clock.instant();
    }

    private Connection c() {
      return tx.connection();
    }

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public Optional<Operation> find(String operationId) {
      return sql(() -> findIn(c(), operationId));
    }

    @Override
    public Operation insert(OperationType type, String parentId, Map<String, Object> parameters) {
      Research research =
          type == OperationType.AGENT_RESEARCH
              ? ResearchParameters.toResearch(parameters == null ? Map.of() : parameters)
              : null;
      return insert(type, parentId, research == null ? parameters : Map.of(), research);
    }

    @Override
    public Operation insertResearch(Research research) {
      return insert(OperationType.AGENT_RESEARCH, null, Map.of(), research);
    }

    private Operation insert(
        OperationType type, String parentId, Map<String, Object> params, Research research) {
      String id = OperationIds.next(type, now);
      long version = versions.incrementAndGet();
      return sql(
          () -> {
            try (PreparedStatement ps =
                c().prepareStatement(
                        "INSERT INTO operations (operation_id, parent_operation_id, operation_type,"
                            + " status, created_at, progress_percentage, parameters, version)"
                            + " VALUES (?,?,?,?,?,0,?,?)")) {
              ps.setString(1, id);
              ps.setString(2, parentId);
              ps.setString(3, type.wire());
              ps.setString(4, OperationStatus.PENDING.wire());
              ps.setString(5, Timestamps.format(now));
              ps.setString(6, OperationRows.toJson(params == null ? Map.of() : params));
              ps.setLong(7, version);
              ps.executeUpdate();
            }
            if (research != null) {
              try (PreparedStatement ps =
                  c().prepareStatement(
                          "INSERT INTO researches (research_id, "
                              + OperationRows.RESEARCH_COLUMNS
                              + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, id);
                OperationRows.bindResearch(ps, 2, research);
                ps.executeUpdate();
              }
            }
            String message = type.wire() + " created";
            OperationRows.insertEvent(
                c(),
                new EventRecord(
                    now, id, OperationEvent.Kind.CREATED, null, OperationStatus.PENDING, message));
            Operation op = findIn(c(), id).orElseThrow();
            events.add(
                event(op, OperationEvent.Kind.CREATED, null, OperationStatus.PENDING, message));
            return op;
          });
    }

    @Override
    public Transition transition(
        String id,
        OperationStatus to,
        String errorMessage,
        Map<String, Object> resultSummary,
        String logMessage) {
      return sql(
          () -> {
            Optional<Operation> before = findIn(c(), id);
            if (before.isEmpty()) {
              return Transition.notFound();
            }
            OperationStatus from = before.get().status();
            if (!OperationStatus.isAllowed(from, to)) {
              return new Transition(false, from, from, before.get());
            }
            long version = versions.incrementAndGet();
            try (PreparedStatement ps =
                c().prepareStatement(
                        "UPDATE operations SET status = ?,"
                            + " started_at = CASE WHEN ? = 'running' THEN COALESCE(started_at, ?)"
                            + " ELSE started_at END,"
                            + " completed_at = CASE WHEN ? IN ('completed','failed','cancelled')"
                            + " THEN ? ELSE NULL END,"
                            + " progress_percentage = CASE WHEN ? = 'completed' THEN 100"
                            + " ELSE progress_percentage END,"
                            + " error_message = COALESCE(?, error_message),"
                            + " result_summary = COALESCE(?, result_summary),"
                            + " version = ?"
                            + " WHERE operation_id = ? AND status = ?")) {
              String ts = Timestamps.format(now);
              ps.setString(1, to.wire());
              ps.setString(2, to.wire());
              ps.setString(3, ts);
              ps.setString(4, to.wire());
              ps.setString(5, ts);
              ps.setString(6, to.wire());
              ps.setString(7, errorMessage);
              ps.setString(8, resultSummary == null ? null : OperationRows.toJson(resultSummary));
              ps.setLong(9, version);
              ps.setString(10, id);
              ps.setString(11, from.wire());
              if (ps.executeUpdate() == 0) {
                OperationStatus current = findIn(c(), id).map(Operation::status).orElse(from);
                return new Transition(false, from, current, before.get());
              }
            }
            OperationRows.insertEvent(
                c(), new EventRecord(now, id, OperationEvent.Kind.STATUS, from, to, logMessage));
            Operation after = findIn(c(), id).orElseThrow();
            events.add(event(after, OperationEvent.Kind.STATUS, from, to, logMessage));
            return new Transition(true, from, to, after);
          });
    }

    @Override
    public boolean updateProgress(String id, double percentage, String step) {
      return sql(
          () -> {
            long version = versions.incrementAndGet();
            try (PreparedStatement ps =
                c().prepareStatement(
                        "UPDATE operations SET progress_percentage = ?,"
                            + " current_step = COALESCE(?, current_step), version = ?"
                            + " WHERE operation_id = ? AND status IN ('pending','running')")) {
              ps.setDouble(1, Math.max(0, Math.min(100, percentage)));
              ps.setString(2, step);
              ps.setLong(3, version);
              ps.setString(4, id);
              if (ps.executeUpdate() == 0) {
                return false;
              }
            }
            findIn(c(), id)
                .ifPresent(
                    op -> events.add(event(op, OperationEvent.Kind.PROGRESS, null, null, step)));
            return true;
          });
    }

    @Override
    public Optional<Operation> updateResearch(String id, UnaryOperator<Research> change) {
      return sql(
          () -> {
            Optional<Operation> before = findIn(c(), id);
            if (before.isEmpty() || !before.get().isActive() || before.get().research() == null) {
              return Optional.empty();
            }
            Research old = before.get().research();
            Research next = Objects.requireNonNull(change.apply(old), "research state");
            if (next.equals(old)) {
              return before;
            }
            // The one place a research's phase is written: the table decides each move (a new
            // phase, or the same phase starting again with a new child).
            boolean restarted =
                next.currentChildId() != null
                    && !next.currentChildId().equals(old.childId(next.phase()));
            if (old.phase() != next.phase() || restarted) {
              PhaseTransitions.requireAllowed(old.phase(), next.phase());
            }
            try (PreparedStatement ps =
                c().prepareStatement(
                        "UPDATE researches SET ("
                            + OperationRows.RESEARCH_COLUMNS
                            + ") = (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) WHERE research_id = ?")) {
              int i = OperationRows.bindResearch(ps, 1, next);
              ps.setString(i, id);
              ps.executeUpdate();
            }
            try (PreparedStatement ps =
                c().prepareStatement("UPDATE operations SET version = ? WHERE operation_id = ?")) {
              ps.setLong(1, versions.incrementAndGet());
              ps.setString(2, id);
              ps.executeUpdate();
            }
            Operation after = findIn(c(), id).orElseThrow();
            events.add(
                event(
                    after,
                    OperationEvent.Kind.PARAMETERS,
                    null,
                    null,
                    "parameters: " + String.join(", ", changedKeys(before.get(), after))));
            return Optional.of(after);
          });
    }

    @Override
    public void log(String id, String message) {
      sql(
          () -> {
            OperationRows.insertEvent(
                c(), new EventRecord(now, id, OperationEvent.Kind.LOG, null, null, message));
            Optional<Operation> op = findIn(c(), id);
            events.add(
                new OperationEvent(
                    now,
                    id,
                    op.map(Operation::operationType).orElse(null),
                    op.map(Operation::parentOperationId).orElse(null),
                    OperationEvent.Kind.LOG,
                    null,
                    null,
                    message,
                    op.orElse(null)));
            return null;
          });
    }

    @Override
    public int countActive(OperationType type) {
      return sql(() -> countActiveIn(c(), type));
    }

    @Override
    public List<Operation> activeChildren(String parentId) {
      return sql(
          () -> {
            try (PreparedStatement ps =
                c().prepareStatement(
                        SELECT
                            + " WHERE o.parent_operation_id = ? AND "
                            + ACTIVE
                            + " ORDER BY o.created_at, o.rowid")) {
              ps.setString(1, parentId);
              return OperationRows.read(ps);
            }
          });
    }

    private OperationEvent event(
        Operation op,
        OperationEvent.Kind kind,
        OperationStatus from,
        OperationStatus to,
        String message) {
      return new OperationEvent(
          now,
          op.operationId(),
          op.operationType(),
          op.parentOperationId(),
          kind,
          from,
          to,
          message,
          op,
          op.version());
    }
  }

  private static Set<String> changedKeys(Operation before, Operation after) {
    Set<String> keys = new LinkedHashSet<>();
    for (Map.Entry<String, Object> e : after.parameters().entrySet()) {
      if (!Objects.equals(before.parameters().get(e.getKey()), e.getValue())) {
        keys.add(e.getKey());
      }
    }
    for (String k : before.parameters().keySet()) {
      if (!after.parameters().containsKey(k)) {
        keys.add(k);
      }
    }
    return keys;
  }

  /** SQL inside a unit: the writer reports a SQLException as a DatabaseException. */
  private static <T> T sql(SqlCall<T> call) {
    try {
      return call.run();
    } catch (SQLException e) {
      throw new dev.ktrdr.db.DatabaseException("Database error: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface SqlCall<T> {
    T run() throws SQLException;
  }
}
