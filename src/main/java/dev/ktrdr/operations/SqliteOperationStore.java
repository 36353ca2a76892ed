package dev.ktrdr.operations;

import dev.ktrdr.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link OperationStore} on the embedded SQLite {@link Database}. */
public final class SqliteOperationStore implements OperationStore {
  private static final String COLUMNS =
      "operation_id, parent_operation_id, operation_type, "
          + "status, created_at, started_at, completed_at, progress_percentage, current_step, "
          + "parameters, error_message, result_summary";
  private static final String ACTIVE_SQL = "status IN ('pending','running')";

  private final Database db;

  public SqliteOperationStore(Database db) {
    this.db = db;
  }

  @Override
  public void insert(Operation op) {
    db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO operations (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, op.operationId());
            ps.setString(2, op.parentOperationId());
            ps.setString(3, op.operationType().wire());
            ps.setString(4, op.status().wire());
            ps.setString(5, Timestamps.format(op.createdAt()));
            ps.setString(6, Timestamps.format(op.startedAt()));
            ps.setString(7, Timestamps.format(op.completedAt()));
            ps.setDouble(8, op.progressPercentage());
            ps.setString(9, op.currentStep());
            ps.setString(10, OperationRows.toJson(op.parameters()));
            ps.setString(11, op.errorMessage());
            ps.setString(
                12, op.resultSummary() == null ? null : OperationRows.toJson(op.resultSummary()));
            ps.executeUpdate();
          }
          OperationRows.insertEvent(
              c,
              new EventRecord(
                  op.createdAt(),
                  op.operationId(),
                  OperationEvent.Kind.CREATED,
                  null,
                  op.status(),
                  op.operationType().wire() + " created"));
          return null;
        });
  }

  @Override
  public Optional<Operation> find(String operationId) {
    return db.withConnection(c -> findIn(c, operationId));
  }

  private Optional<Operation> findIn(Connection c, String operationId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM operations WHERE operation_id = ?")) {
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
    String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM operations WHERE operation_id IN (" + marks + ")")) {
            int i = 1;
            for (String id : ids) {
              ps.setString(i++, id);
            }
            return OperationRows.read(ps);
          }
        });
  }

  @Override
  public OperationPage list(OperationQuery q) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE 1=1");
    if (q.status() != null) {
      where.append(" AND status = ?");
      args.add(q.status().wire());
    }
    if (q.type() != null) {
      where.append(" AND operation_type = ?");
      args.add(q.type().wire());
    }
    if (q.activeOnly()) {
      where.append(" AND ").append(ACTIVE_SQL);
    }
    if (q.parentOperationId() != null) {
      where.append(" AND parent_operation_id = ?");
      args.add(q.parentOperationId());
    }
    return db.withConnection(
        c -> {
          List<Operation> rows;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM operations"
                      + where
                      + " ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?")) {
            int i = bind(ps, args);
            ps.setInt(i++, q.limit());
            ps.setInt(i, q.offset());
            rows = OperationRows.read(ps);
          }
          int total;
          int active;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*), "
                      + "COALESCE(SUM(CASE WHEN "
                      + ACTIVE_SQL
                      + " THEN 1 ELSE 0 END), 0) FROM operations"
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
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM operations WHERE parent_operation_id = ? ORDER BY created_at, rowid")) {
            ps.setString(1, parentId);
            return OperationRows.read(ps);
          }
        });
  }

  @Override
  public List<Operation> active(OperationType type) {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM operations WHERE operation_type = ? AND "
                      + ACTIVE_SQL
                      + " ORDER BY created_at, rowid")) {
            ps.setString(1, type.wire());
            return OperationRows.read(ps);
          }
        });
  }

  @Override
  public int countActive(OperationType type) {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM operations WHERE operation_type = ? AND " + ACTIVE_SQL)) {
            ps.setString(1, type.wire());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  @Override
  public Transition transition(
      String id,
      OperationStatus to,
      Instant at,
      String errorMessage,
      Map<String, Object> resultSummary,
      Map<String, Object> patch,
      String logMessage) {
    return db.inTransaction(
        c -> {
          Optional<Operation> before = findIn(c, id);
          if (before.isEmpty()) {
            return Transition.notFound();
          }
          OperationStatus from = before.get().status();
          if (!OperationStatus.isAllowed(from, to)) {
            return new Transition(false, from, from, before.get());
          }
          // Conditional on the status just read: the same guard holds for a store shared by
          // processes.
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE operations SET status = ?,"
                      + " started_at = CASE WHEN ? = 'running' THEN COALESCE(started_at, ?) ELSE started_at END,"
                      + " completed_at = CASE WHEN ? IN ('completed','failed','cancelled') THEN ? ELSE NULL END,"
                      + " progress_percentage = CASE WHEN ? = 'completed' THEN 100 ELSE progress_percentage END,"
                      + " error_message = COALESCE(?, error_message),"
                      + " result_summary = COALESCE(?, result_summary),"
                      + " parameters = json_patch(parameters, ?)"
                      + " WHERE operation_id = ? AND status = ?")) {
            String ts = Timestamps.format(at);
            ps.setString(1, to.wire());
            ps.setString(2, to.wire());
            ps.setString(3, ts);
            ps.setString(4, to.wire());
            ps.setString(5, ts);
            ps.setString(6, to.wire());
            ps.setString(7, errorMessage);
            ps.setString(8, resultSummary == null ? null : OperationRows.toJson(resultSummary));
            ps.setString(9, OperationRows.toJson(patch == null ? Map.of() : patch));
            ps.setString(10, id);
            ps.setString(11, from.wire());
            if (ps.executeUpdate() == 0) {
              OperationStatus now = findIn(c, id).map(Operation::status).orElse(from);
              return new Transition(false, from, now, before.get());
            }
          }
          OperationRows.insertEvent(
              c, new EventRecord(at, id, OperationEvent.Kind.STATUS, from, to, logMessage));
          return new Transition(true, from, to, findIn(c, id).orElseThrow());
        });
  }

  @Override
  public boolean updateProgress(String id, double percentage, String step) {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE operations SET"
                      + " progress_percentage = ?, current_step = COALESCE(?, current_step)"
                      + " WHERE operation_id = ? AND "
                      + ACTIVE_SQL)) {
            ps.setDouble(1, Math.max(0, Math.min(100, percentage)));
            ps.setString(2, step);
            ps.setString(3, id);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean mergeParameters(String id, Map<String, Object> patch) {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE operations SET"
                      + " parameters = json_patch(parameters, ?) WHERE operation_id = ? AND "
                      + ACTIVE_SQL)) {
            ps.setString(1, OperationRows.toJson(patch));
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void appendLog(EventRecord record) {
    db.withConnection(
        c -> {
          OperationRows.insertEvent(c, record);
          return null;
        });
  }

  @Override
  public List<EventRecord> history(String operationId, int limit) {
    return db.withConnection(
        c -> {
          String sql =
              "SELECT ts, operation_id, event, from_status, to_status, message FROM ("
                  + "SELECT * FROM operation_events"
                  + (operationId == null ? "" : " WHERE operation_id = ?")
                  + " ORDER BY event_id DESC LIMIT ?) ORDER BY event_id";
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
}
