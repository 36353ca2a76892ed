package dev.ktrdr.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.db.DatabaseException;
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

  // Positions in SELECT: read by index, not by name (a lookup by name builds a map per result).
  private static final int C_OPERATION_ID = 1;
  private static final int C_PARENT_OPERATION_ID = 2;
  private static final int C_OPERATION_TYPE = 3;
  private static final int C_STATUS = 4;
  private static final int C_CREATED_AT = 5;
  private static final int C_STARTED_AT = 6;
  private static final int C_COMPLETED_AT = 7;
  private static final int C_PROGRESS_PERCENTAGE = 8;
  private static final int C_CURRENT_STEP = 9;
  private static final int C_PARAMETERS = 10;
  private static final int C_ERROR_MESSAGE = 11;
  private static final int C_RESULT_SUMMARY = 12;
  private static final int C_VERSION = 13;
  private static final int C_RESEARCH_ID = 14;
  private static final int C_PHASE = 15;
  private static final int C_PHASE_STARTED_AT = 16;
  private static final int C_BRIEF = 17;
  private static final int C_MODEL = 18;
  private static final int C_BYPASS_GATES = 19;
  private static final int C_DESIGN_OP_ID = 20;
  private static final int C_TRAINING_OP_ID = 21;
  private static final int C_BACKTEST_OP_ID = 22;
  private static final int C_ASSESSMENT_OP_ID = 23;
  private static final int C_STRATEGY_NAME = 24;
  private static final int C_STRATEGY_SPEC = 25;
  private static final int C_DATASET_ID = 26;
  private static final int C_SEED = 27;
  private static final int C_TRAINING_RESULT = 28;
  private static final int C_BACKTEST_RESULT = 29;
  private static final int C_ASSESSMENT_VERDICT = 30;
  private static final int C_GATE_REJECTION = 31;
  private static final int C_CANCEL_REASON = 32;
  private static final int C_CANCELLED_BY = 33;
  private static final int C_CANCELLED_AT = 34;

  private OperationRows() {}

  static List<Operation> read(PreparedStatement ps) throws SQLException {
    List<Operation> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String result = rs.getString(C_RESULT_SUMMARY);
        out.add(
            new Operation(
                rs.getString(C_OPERATION_ID),
                rs.getString(C_PARENT_OPERATION_ID),
                OperationType.fromWire(rs.getString(C_OPERATION_TYPE)).orElseThrow(),
                status(rs.getString(C_STATUS)),
                Timestamps.parse(rs.getString(C_CREATED_AT)),
                Timestamps.parse(rs.getString(C_STARTED_AT)),
                Timestamps.parse(rs.getString(C_COMPLETED_AT)),
                rs.getDouble(C_PROGRESS_PERCENTAGE),
                rs.getString(C_CURRENT_STEP),
                fromJson(rs.getString(C_PARAMETERS)),
                rs.getString(C_ERROR_MESSAGE),
                result == null ? null : fromJson(result),
                rs.getString(C_RESEARCH_ID) == null ? null : research(rs),
                rs.getLong(C_VERSION)));
      }
    }
    return out;
  }

  private static Research research(ResultSet rs) throws SQLException {
    Map<Phase, String> children = new EnumMap<>(Phase.class);
    children.put(Phase.DESIGNING, rs.getString(C_DESIGN_OP_ID));
    children.put(Phase.TRAINING, rs.getString(C_TRAINING_OP_ID));
    children.put(Phase.BACKTESTING, rs.getString(C_BACKTEST_OP_ID));
    children.put(Phase.ASSESSING, rs.getString(C_ASSESSMENT_OP_ID));
    String name = rs.getString(C_STRATEGY_NAME);
    String spec = rs.getString(C_STRATEGY_SPEC);
    String dataset = rs.getString(C_DATASET_ID);
    long seed = rs.getLong(C_SEED);
    Long seedOrNull = rs.wasNull() ? null : seed;
    Research.Strategy strategy =
        name == null && spec == null && dataset == null && seedOrNull == null
            ? null
            : new Research.Strategy(
                name, spec == null ? null : fromJson(spec), dataset, seedOrNull);
    String gate = rs.getString(C_GATE_REJECTION);
    String cancelledBy = rs.getString(C_CANCELLED_BY);
    String cancelledAt = rs.getString(C_CANCELLED_AT);
    return new Research(
        Phase.fromWire(rs.getString(C_PHASE)).orElse(Phase.IDLE),
        Timestamps.parse(rs.getString(C_PHASE_STARTED_AT)),
        rs.getString(C_BRIEF),
        rs.getString(C_MODEL),
        rs.getInt(C_BYPASS_GATES) != 0,
        children,
        strategy,
        jsonOrNull(rs.getString(C_TRAINING_RESULT)),
        jsonOrNull(rs.getString(C_BACKTEST_RESULT)),
        rs.getString(C_ASSESSMENT_VERDICT),
        gate == null ? null : GateRejection.fromMap(fromJson(gate)),
        cancelledBy == null || cancelledAt == null
            ? null
            : new CancelRecord(
                rs.getString(C_CANCEL_REASON), cancelledBy, Timestamps.parse(cancelledAt)));
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

  static final String INSERT_EVENT =
      "INSERT INTO operation_events"
          + " (ts, operation_id, event, from_status, to_status, message) VALUES (?,?,?,?,?,?)";

  /** Binds and runs {@link #INSERT_EVENT} on {@code ps} (the caller owns the statement). */
  static void insertEvent(PreparedStatement ps, EventRecord e) throws SQLException {
    ps.setString(1, Timestamps.format(e.ts()));
    ps.setString(2, e.operationId());
    ps.setString(3, e.kind().wire());
    ps.setString(4, e.from() == null ? null : e.from().wire());
    ps.setString(5, e.to() == null ? null : e.to().wire());
    ps.setString(6, e.message());
    ps.executeUpdate();
  }

  /**
   * {@code r} as it reads back once stored: instants at the stored (millisecond) precision and
   * every document as JSON gives it back. Documents {@code old} already holds are its own stored
   * ones and are kept as they are, so only what changed is converted.
   */
  static Research asStored(Research r, Research old) {
    Research.Strategy s = r.strategy();
    Research.Strategy oldS = old == null ? null : old.strategy();
    if (s != null && s.spec() != null && (oldS == null || s.spec() != oldS.spec())) {
      s = new Research.Strategy(s.name(), roundTrip(s.spec()), s.datasetId(), s.seed());
    }
    CancelRecord c = r.cancel();
    if (c != null && (old == null || c != old.cancel())) {
      c = new CancelRecord(c.reason(), c.by(), Timestamps.stored(c.at()));
    }
    return new Research(
        r.phase(),
        Timestamps.stored(r.phaseStartedAt()),
        r.brief(),
        r.model(),
        r.bypassGates(),
        r.childIds(),
        s,
        old != null && r.trainingResult() == old.trainingResult()
            ? r.trainingResult()
            : roundTrip(r.trainingResult()),
        old != null && r.backtestResult() == old.backtestResult()
            ? r.backtestResult()
            : roundTrip(r.backtestResult()),
        r.assessmentVerdict(),
        r.gateRejection() == null || (old != null && r.gateRejection() == old.gateRejection())
            ? r.gateRejection()
            : GateRejection.fromMap(roundTrip(r.gateRejection().toMap())),
        c);
  }

  /** A document as JSON gives it back (numbers and nested values in Jackson's types). */
  static Map<String, Object> roundTrip(Map<String, Object> m) {
    return m == null ? null : fromJson(toJson(m));
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
    if ("{}".equals(s)) {
      return new java.util.LinkedHashMap<>(); // a research's own column: its state is typed
    }
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
