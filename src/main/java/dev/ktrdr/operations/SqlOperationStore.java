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
import java.util.EnumMap;
import java.util.HashMap;
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
 * {@link OperationStore} on the {@link Database}, SQLite or PostgreSQL alike (the SQL both read;
 * what differs lives in {@code db/Dialect}): reads on its read pool, writes on its one writer.
 */
public final class SqlOperationStore implements OperationStore {
  private static final String SELECT = OperationRows.SELECT;
  private static final String ACTIVE = OperationRows.ACTIVE;

  private final Database db;

  /** The global change sequence; only the writer thread moves it. */
  private final AtomicLong versions;

  /** The writer's own knowledge; touched only on the writer thread. */
  private final WriterView view = new WriterView();

  public SqlOperationStore(Database db) {
    this.db = db;
    db.onRollback(c -> view.forget());
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
    return db.write(work(unit, clock, published), urgent);
  }

  @Override
  public <T> T writeAndWait(
      Function<OperationWrites, T> unit,
      boolean urgent,
      Clock clock,
      Consumer<List<OperationEvent>> published) {
    return db.writeAndWait(work(unit, clock, published), urgent);
  }

  private <T> dev.ktrdr.db.WriteWork<T> work(
      Function<OperationWrites, T> unit, Clock clock, Consumer<List<OperationEvent>> published) {
    return tx -> {
      Writes w = new Writes(tx, clock);
      T result = unit.apply(w);
      if (!w.events.isEmpty()) {
        List<OperationEvent> events = List.copyOf(w.events);
        tx.afterCommit(() -> published.accept(events));
      }
      return result;
    };
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

  private static final String INSERT_OPERATION =
      "INSERT INTO operations (operation_id, parent_operation_id, operation_type,"
          + " status, created_at, progress_percentage, parameters, version)"
          + " VALUES (?,?,?,?,?,0,?,?)";
  private static final String INSERT_RESEARCH =
      "INSERT INTO researches (research_id, "
          + OperationRows.RESEARCH_COLUMNS
          + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  private static final String UPDATE_STATUS =
      "UPDATE operations SET status = ?, started_at = ?, completed_at = ?,"
          + " progress_percentage = ?, error_message = COALESCE(?, error_message),"
          + " result_summary = COALESCE(?, result_summary), version = ?"
          + " WHERE operation_id = ? AND status = ?";
  private static final String UPDATE_PROGRESS =
      "UPDATE operations SET progress_percentage = ?, current_step = ?, version = ?"
          + " WHERE operation_id = ? AND status IN ('pending','running')";
  private static final String UPDATE_RESEARCH =
      "UPDATE researches SET ("
          + OperationRows.RESEARCH_COLUMNS
          + ") = (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) WHERE research_id = ?";
  private static final String UPDATE_VERSION =
      "UPDATE operations SET version = ? WHERE operation_id = ?";
  private static final String FIND = SELECT + " WHERE o.operation_id = ?";
  private static final String ACTIVE_CHILD_IDS =
      "SELECT o.operation_id FROM operations o WHERE o.parent_operation_id = ? AND "
          + ACTIVE
          + " ORDER BY o.created_at, o.rowid";
  private static final String COUNT_ACTIVE_BY_TYPE =
      "SELECT o.operation_type, COUNT(*) FROM operations o WHERE "
          + ACTIVE
          + " GROUP BY o.operation_type";

  /**
   * What the writer knows beyond the database, so that a unit need not read back what it just
   * wrote: the active operations it has met, as it last wrote them (uncommitted changes of the
   * current batch included), and how many operations of each type are active. The engine is the
   * database's only writer (the file is locked to one process) and every change of an operation
   * goes through {@link Writes}, so this stays exact; the database stays the truth: it is filled
   * from it lazily, and dropped whenever a unit or a batch is rolled back. Touched only by the
   * writer, inside units.
   */
  private final class WriterView {
    private final Map<String, Operation> active = new HashMap<>();
    private EnumMap<OperationType, Integer> counts; // null until needed (and after a rollback)

    Optional<Operation> find(WriteTx tx, String id) throws SQLException {
      Operation op = active.get(id);
      if (op != null) {
        return Optional.of(op);
      }
      PreparedStatement ps = tx.prepare(FIND);
      ps.setString(1, id);
      List<Operation> found = OperationRows.read(ps);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      remember(found.get(0));
      return Optional.of(found.get(0));
    }

    void remember(Operation op) {
      if (op.isActive()) {
        active.put(op.operationId(), op);
      } else {
        active.remove(op.operationId());
      }
    }

    int countActive(WriteTx tx, OperationType type) throws SQLException {
      if (counts == null) {
        EnumMap<OperationType, Integer> fresh = new EnumMap<>(OperationType.class);
        try (ResultSet rs = tx.prepare(COUNT_ACTIVE_BY_TYPE).executeQuery()) {
          while (rs.next()) {
            Optional<OperationType> t = OperationType.fromWire(rs.getString(1));
            if (t.isPresent()) {
              fresh.put(t.get(), rs.getInt(2));
            }
          }
        }
        counts = fresh;
      }
      return counts.getOrDefault(type, 0);
    }

    /** One more (+1) or one fewer (-1) active operation of {@code type}. */
    void counted(OperationType type, int delta) {
      if (counts != null) {
        counts.merge(type, delta, Integer::sum);
      }
    }

    void forget() {
      active.clear();
      counts = null;
    }
  }

  /** The writes of one unit, on the writer's connection; collects the events to publish. */
  private final class Writes implements OperationWrites {
    private final WriteTx tx;
    private final Instant now;
    final List<OperationEvent> events = new ArrayList<>(4);

    /** What this unit changed, as it left it (ended operations too, which the view forgets). */
    private final Map<String, Operation> touched = new HashMap<>(4);

    Writes(WriteTx tx, Clock clock) {
      this.tx = tx;
      this.now = Timestamps.stored(clock.instant()); // what reads back, so memory and disk agree
    }

    @Override
    public Instant now() {
      return now;
    }

    private Optional<Operation> findOp(String id) throws SQLException {
      Operation mine = touched.get(id);
      return mine != null ? Optional.of(mine) : view.find(tx, id);
    }

    /** Records a change: for the rest of this unit, and in the writer's view. */
    private void changed(Operation after) {
      touched.put(after.operationId(), after);
      view.remember(after);
    }

    @Override
    public Optional<Operation> find(String operationId) {
      return sql(() -> findOp(operationId));
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
            String json = OperationRows.toJson(params == null ? Map.of() : params);
            PreparedStatement ps = tx.prepare(INSERT_OPERATION);
            ps.setString(1, id);
            ps.setString(2, parentId);
            ps.setString(3, type.wire());
            ps.setString(4, OperationStatus.PENDING.wire());
            ps.setString(5, Timestamps.format(now));
            ps.setString(6, json);
            ps.setLong(7, version);
            ps.executeUpdate();
            Research stored = null;
            if (research != null) {
              stored = OperationRows.asStored(research, null);
              PreparedStatement rs = tx.prepare(INSERT_RESEARCH);
              rs.setString(1, id);
              OperationRows.bindResearch(rs, 2, stored);
              rs.executeUpdate();
            }
            String message = type.wire() + " created";
            OperationRows.insertEvent(
                tx.prepare(OperationRows.INSERT_EVENT),
                new EventRecord(
                    now, id, OperationEvent.Kind.CREATED, null, OperationStatus.PENDING, message));
            Operation op =
                new Operation(
                    id,
                    parentId,
                    type,
                    OperationStatus.PENDING,
                    now,
                    null,
                    null,
                    0,
                    null,
                    stored != null || params == null || params.isEmpty()
                        ? Map.of()
                        : OperationRows.fromJson(json),
                    null,
                    null,
                    stored,
                    version);
            changed(op);
            view.counted(type, +1);
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
            Optional<Operation> found = findOp(id);
            if (found.isEmpty()) {
              return Transition.notFound();
            }
            Operation before = found.get();
            OperationStatus from = before.status();
            if (!OperationStatus.isAllowed(from, to)) {
              return new Transition(false, from, from, before);
            }
            long version = versions.incrementAndGet();
            Instant startedAt =
                to == OperationStatus.RUNNING && before.startedAt() == null
                    ? now
                    : before.startedAt();
            Instant completedAt = to.isTerminal() ? now : null;
            double progress = to == OperationStatus.COMPLETED ? 100 : before.progressPercentage();
            String error = errorMessage != null ? errorMessage : before.errorMessage();
            String resultJson = resultSummary == null ? null : OperationRows.toJson(resultSummary);
            PreparedStatement ps = tx.prepare(UPDATE_STATUS);
            ps.setString(1, to.wire());
            ps.setString(2, Timestamps.format(startedAt));
            ps.setString(3, Timestamps.format(completedAt));
            ps.setDouble(4, progress);
            ps.setString(5, errorMessage);
            ps.setString(6, resultJson);
            ps.setLong(7, version);
            ps.setString(8, id);
            ps.setString(9, from.wire());
            if (ps.executeUpdate() == 0) {
              // The row moved under us: nothing but this writer writes, so only a stale view
              touched.remove(id); // could say otherwise. Read it afresh, report what it is.
              view.forget();
              Operation current = findOp(id).orElse(before);
              return new Transition(false, from, current.status(), before);
            }
            OperationRows.insertEvent(
                tx.prepare(OperationRows.INSERT_EVENT),
                new EventRecord(now, id, OperationEvent.Kind.STATUS, from, to, logMessage));
            Operation after =
                new Operation(
                    id,
                    before.parentOperationId(),
                    before.operationType(),
                    to,
                    before.createdAt(),
                    startedAt,
                    completedAt,
                    progress,
                    before.currentStep(),
                    before.research() == null ? before.parameters() : null,
                    error,
                    resultJson != null
                        ? OperationRows.fromJson(resultJson)
                        : before.resultSummary(),
                    before.research(),
                    version);
            changed(after);
            if (from.isActive() && !to.isActive()) {
              view.counted(before.operationType(), -1);
            }
            events.add(event(after, OperationEvent.Kind.STATUS, from, to, logMessage));
            return new Transition(true, from, to, after);
          });
    }

    @Override
    public boolean updateProgress(String id, double percentage, String step) {
      return sql(
          () -> {
            Optional<Operation> found = findOp(id);
            if (found.isEmpty() || !found.get().isActive()) {
              return false;
            }
            Operation before = found.get();
            long version = versions.incrementAndGet();
            double pct = Math.max(0, Math.min(100, percentage));
            String currentStep = step != null ? step : before.currentStep();
            PreparedStatement ps = tx.prepare(UPDATE_PROGRESS);
            ps.setDouble(1, pct);
            ps.setString(2, currentStep);
            ps.setLong(3, version);
            ps.setString(4, id);
            if (ps.executeUpdate() == 0) {
              touched.remove(id); // a stale view: see transition
              view.forget();
              return false;
            }
            Operation after =
                new Operation(
                    id,
                    before.parentOperationId(),
                    before.operationType(),
                    before.status(),
                    before.createdAt(),
                    before.startedAt(),
                    before.completedAt(),
                    pct,
                    currentStep,
                    before.research() == null ? before.parameters() : null,
                    before.errorMessage(),
                    before.resultSummary(),
                    before.research(),
                    version);
            changed(after);
            // Kept in the log too, so an exported log has every progress step.
            String message = Math.round(pct) + "%" + (step == null ? "" : " · " + step);
            OperationRows.insertEvent(
                tx.prepare(OperationRows.INSERT_EVENT),
                new EventRecord(now, id, OperationEvent.Kind.PROGRESS, null, null, message));
            events.add(event(after, OperationEvent.Kind.PROGRESS, null, null, step));
            return true;
          });
    }

    @Override
    public Optional<Operation> updateResearch(String id, UnaryOperator<Research> change) {
      return sql(
          () -> {
            Optional<Operation> found = findOp(id);
            if (found.isEmpty() || !found.get().isActive() || found.get().research() == null) {
              return Optional.empty();
            }
            Operation before = found.get();
            Research old = before.research();
            Research next = Objects.requireNonNull(change.apply(old), "research state");
            if (next.equals(old)) {
              return found;
            }
            // The one place a research's phase is written: the table decides each move (a new
            // phase, or the same phase starting again with a new child).
            boolean restarted =
                next.currentChildId() != null
                    && !next.currentChildId().equals(old.childId(next.phase()));
            if (old.phase() != next.phase() || restarted) {
              PhaseTransitions.requireAllowed(old.phase(), next.phase());
            }
            Research stored = OperationRows.asStored(next, old);
            PreparedStatement ps = tx.prepare(UPDATE_RESEARCH);
            int i = OperationRows.bindResearch(ps, 1, stored);
            ps.setString(i, id);
            ps.executeUpdate();
            long version = versions.incrementAndGet();
            PreparedStatement vs = tx.prepare(UPDATE_VERSION);
            vs.setLong(1, version);
            vs.setString(2, id);
            vs.executeUpdate();
            Operation after =
                new Operation(
                    id,
                    before.parentOperationId(),
                    before.operationType(),
                    before.status(),
                    before.createdAt(),
                    before.startedAt(),
                    before.completedAt(),
                    before.progressPercentage(),
                    before.currentStep(),
                    null,
                    before.errorMessage(),
                    before.resultSummary(),
                    stored,
                    version);
            changed(after);
            String message = "parameters: " + String.join(", ", changedKeys(before, after));
            // Kept in the log too: an exported log says which parameters changed and when.
            OperationRows.insertEvent(
                tx.prepare(OperationRows.INSERT_EVENT),
                new EventRecord(now, id, OperationEvent.Kind.PARAMETERS, null, null, message));
            events.add(event(after, OperationEvent.Kind.PARAMETERS, null, null, message));
            return Optional.of(after);
          });
    }

    @Override
    public void log(String id, String message) {
      sql(
          () -> {
            OperationRows.insertEvent(
                tx.prepare(OperationRows.INSERT_EVENT),
                new EventRecord(now, id, OperationEvent.Kind.LOG, null, null, message));
            Optional<Operation> op = findOp(id);
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
      return sql(() -> view.countActive(tx, type));
    }

    @Override
    public List<Operation> activeChildren(String parentId) {
      return sql(
          () -> {
            PreparedStatement ps = tx.prepare(ACTIVE_CHILD_IDS);
            ps.setString(1, parentId);
            List<String> ids = new ArrayList<>(2);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getString(1));
              }
            }
            List<Operation> out = new ArrayList<>(ids.size());
            for (String id : ids) {
              findOp(id).ifPresent(out::add); // as this unit and the writer know it
            }
            return out;
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
