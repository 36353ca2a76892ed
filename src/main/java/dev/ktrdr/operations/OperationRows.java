package dev.ktrdr.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.db.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How operations and their log lines map to and from SQL rows (JSON columns included). */
final class OperationRows {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private OperationRows() {}

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
                result == null ? null : fromJson(result)));
      }
    }
    return out;
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
}
