package dev.ktrdr.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.db.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How operations, their typed research state and their log lines map to and from SQL rows. Plain
 * SQL that SQLite and PostgreSQL both read; JSON columns are text parsed here, not in SQL.
 */
final class OperationRows {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** Every column of an operation and of its research row (absent for other types). */
  static final String SELECT =
      "SELECT o.operation_id, o.parent_operation_id, o.operation_type, o.status, o.created_at,"
          + " o.started_at, o.completed_at, o.progress_percentage, o.current_step, o.parameters,"
          + " o.error_message, o.result_summary, o.version,"
          + " r.research_id, r.phase, r.phase_started_at, r.brief, r.model, r.bypass_gates,"
          + " r.design_op_id, r.training_op_id, r.backtest_op_id, r.assessment_op_id,"
          + " r.strategy_name, r.strategy_spec, r.dataset_id, r.seed, r.training_result,"
          + " r.backtest_result, r.assessment_verdict, r.gate_rejection, r.cancel_reason,"
          + " r.cancelled_by, r.cancelled_at"
          + " FROM operations o LEFT JOIN researches r ON r.research_id = o.operation_id";

  static final String ACTIVE = "o.status IN ('pending','running')";

  private OperationRows() {}

  static List<Operation> read(PreparedStatement ps) throws SQLException {
    List<Operation> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String result = rs.getString("result_summary");
        out.add(
            new Operation(
                rs.getString("operation_id"),
                rs.getString("parent_operation_id"),
                OperationType.fromWire(rs.getString("operation_type")).orElseThrow(),
                status(rs.getString("status")),
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("started_at")),
                Timestamps.parse(rs.getString("completed_at")),
                rs.getDouble("progress_percentage"),
                rs.getString("current_step"),
                fromJson(rs.getString("parameters")),
                rs.getString("error_message"),
                result == null ? null : fromJson(result),
                rs.getString("research_id") == null ? null : research(rs),
                rs.getLong("version")));
      }
    }
    return out;
  }

  private static Research research(ResultSet rs) throws SQLException {
    Map<Phase, String> children = new EnumMap<>(Phase.class);
    children.put(Phase.DESIGNING, rs.getString("design_op_id"));
    children.put(Phase.TRAINING, rs.getString("training_op_id"));
    children.put(Phase.BACKTESTING, rs.getString("backtest_op_id"));
    children.put(Phase.ASSESSING, rs.getString("assessment_op_id"));
    String name = rs.getString("strategy_name");
    String spec = rs.getString("strategy_spec");
    String dataset = rs.getString("dataset_id");
    long seed = rs.getLong("seed");
    Long seedOrNull = rs.wasNull() ? null : seed;
    Research.Strategy strategy =
        name == null && spec == null && dataset == null && seedOrNull == null
            ? null
            : new Research.Strategy(
                name, spec == null ? null : fromJson(spec), dataset, seedOrNull);
    String gate = rs.getString("gate_rejection");
    String cancelledBy = rs.getString("cancelled_by");
    String cancelledAt = rs.getString("cancelled_at");
    return new Research(
        Phase.fromWire(rs.getString("phase")).orElse(Phase.IDLE),
        Timestamps.parse(rs.getString("phase_started_at")),
        rs.getString("brief"),
        rs.getString("model"),
        rs.getInt("bypass_gates") != 0,
        children,
        strategy,
        jsonOrNull(rs.getString("training_result")),
        jsonOrNull(rs.getString("backtest_result")),
        rs.getString("assessment_verdict"),
        gate == null ? null : GateRejection.fromMap(fromJson(gate)),
        cancelledBy == null || cancelledAt == null
            ? null
            : new CancelRecord(
                rs.getString("cancel_reason"), cancelledBy, Timestamps.parse(cancelledAt)));
  }

  static final String RESEARCH_COLUMNS =
      "phase, phase_started_at, brief, model, bypass_gates, design_op_id, training_op_id,"
          + " backtest_op_id, assessment_op_id, strategy_name, strategy_spec, dataset_id, seed,"
          + " training_result, backtest_result, assessment_verdict, gate_rejection, cancel_reason,"
          + " cancelled_by, cancelled_at";

  /** Binds the 20 research columns in {@link #RESEARCH_COLUMNS} order, from {@code i}. */
  static int bindResearch(PreparedStatement ps, int i, Research r) throws SQLException {
    ps.setString(i++, r.phase().wire());
    ps.setString(i++, Timestamps.format(r.phaseStartedAt()));
    ps.setString(i++, r.brief());
    ps.setString(i++, r.model());
    ps.setInt(i++, r.bypassGates() ? 1 : 0);
    ps.setString(i++, r.childId(Phase.DESIGNING));
    ps.setString(i++, r.childId(Phase.TRAINING));
    ps.setString(i++, r.childId(Phase.BACKTESTING));
    ps.setString(i++, r.childId(Phase.ASSESSING));
    Research.Strategy s = r.strategy();
    ps.setString(i++, s == null ? null : s.name());
    ps.setString(i++, s == null || s.spec() == null ? null : toJson(s.spec()));
    ps.setString(i++, s == null ? null : s.datasetId());
    if (s == null || s.seed() == null) {
      ps.setNull(i++, Types.BIGINT);
    } else {
      ps.setLong(i++, s.seed());
    }
    ps.setString(i++, r.trainingResult() == null ? null : toJson(r.trainingResult()));
    ps.setString(i++, r.backtestResult() == null ? null : toJson(r.backtestResult()));
    ps.setString(i++, r.assessmentVerdict());
    ps.setString(i++, r.gateRejection() == null ? null : toJson(r.gateRejection().toMap()));
    CancelRecord c = r.cancel();
    ps.setString(i++, c == null ? null : c.reason());
    ps.setString(i++, c == null ? null : c.by());
    ps.setString(i++, c == null ? null : Timestamps.format(c.at()));
    return i;
  }

  static void insertEvent(Connection c, EventRecord e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO operation_events"
                + " (ts, operation_id, event, from_status, to_status, message) VALUES (?,?,?,?,?,?)")) {
      ps.setString(1, Timestamps.format(e.ts()));
      ps.setString(2, e.operationId());
      ps.setString(3, e.kind().wire());
      ps.setString(4, e.from() == null ? null : e.from().wire());
      ps.setString(5, e.to() == null ? null : e.to().wire());
      ps.setString(6, e.message());
      ps.executeUpdate();
    }
  }

  static OperationStatus status(String s) {
    return s == null ? null : OperationStatus.fromWire(s).orElseThrow();
  }

  static String toJson(Map<String, Object> m) {
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new DatabaseException("Cannot store value as JSON: " + e.getOriginalMessage());
    }
  }

  static Map<String, Object> fromJson(String s) {
    try {
      return JSON.readValue(s, MAP);
    } catch (JsonProcessingException e) {
      throw new DatabaseException("Corrupt JSON in database: " + e.getOriginalMessage());
    }
  }

  private static Map<String, Object> jsonOrNull(String s) {
    return s == null ? null : fromJson(s);
  }
}
