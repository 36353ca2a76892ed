package dev.ktrdr.db.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Moves each research's state out of the JSON {@code parameters} column into its typed row in
 * {@code researches} (V003), and numbers every operation's {@code version} in creation order.
 *
 * <p>In Java rather than SQL so that it runs unchanged on any database (SQLite's JSON functions are
 * its own). It is frozen as of this schema: the parameter names below are the wire names of SPEC
 * §3, written out here on purpose so that later code changes cannot change what this migration did.
 */
public final class V004__ResearchStateAndVersions extends BaseJavaMigration {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    moveResearchState(c);
    numberVersions(c);
  }

  private static void moveResearchState(Connection c) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT operation_id, parameters FROM operations"
                    + " WHERE operation_type = 'agent_research'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO researches (research_id, phase, phase_started_at, brief, model,"
                    + " bypass_gates, design_op_id, training_op_id, backtest_op_id,"
                    + " assessment_op_id, strategy_name, training_result, backtest_result,"
                    + " assessment_verdict, gate_rejection, cancel_reason, cancelled_by,"
                    + " cancelled_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        PreparedStatement clear =
            c.prepareStatement("UPDATE operations SET parameters = '{}' WHERE operation_id = ?")) {
      for (String[] row : rows) {
        Map<String, Object> p = parse(row[1]);
        String phase = text(p, "phase");
        insert.setString(1, row[0]);
        insert.setString(
            2,
            phase != null
                    && List.of("idle", "designing", "training", "backtesting", "assessing")
                        .contains(phase)
                ? phase
                : "idle");
        insert.setString(3, text(p, "phase_start_time"));
        insert.setString(4, text(p, "brief"));
        insert.setString(5, text(p, "model"));
        insert.setInt(6, Boolean.parseBoolean(text(p, "bypass_gates")) ? 1 : 0);
        insert.setString(7, text(p, "design_op_id"));
        insert.setString(8, text(p, "training_op_id"));
        insert.setString(9, text(p, "backtest_op_id"));
        insert.setString(10, text(p, "assessment_op_id"));
        insert.setString(11, text(p, "strategy_name"));
        setJson(insert, 12, p.get("training_result"));
        setJson(insert, 13, p.get("backtest_result"));
        insert.setString(14, text(p, "assessment_verdict"));
        setJson(insert, 15, p.get("gate_rejection"));
        insert.setString(16, text(p, "cancel_reason"));
        insert.setString(17, text(p, "cancelled_by"));
        insert.setString(18, text(p, "cancelled_at"));
        insert.executeUpdate();
        clear.setString(1, row[0]);
        clear.executeUpdate();
      }
    }
  }

  private static void numberVersions(Connection c) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT operation_id FROM operations ORDER BY created_at");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE operations SET version = ? WHERE operation_id = ?")) {
      long v = 0;
      for (String id : ids) {
        ps.setLong(1, ++v);
        ps.setString(2, id);
        ps.executeUpdate();
      }
    }
  }

  private static Map<String, Object> parse(String json) throws SQLException {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new SQLException("Corrupt research parameters: " + e.getOriginalMessage(), e);
    }
  }

  private static String text(Map<String, Object> p, String key) {
    Object v = p.get(key);
    return v == null ? null : v.toString();
  }

  private static void setJson(PreparedStatement ps, int i, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.VARCHAR);
      return;
    }
    try {
      ps.setString(i, JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new SQLException("Cannot write research state: " + e.getOriginalMessage(), e);
    }
  }
}
