package dev.ktrdr.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.operations.Research;
import dev.ktrdr.operations.SqlOperationStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A database written by the version before typed research state (schema V002, research state in the
 * JSON parameters) is moved forward on open, and reads back as it was.
 */
class MigrationFromV002Test {
  @TempDir Path dir;

  private static final String RESEARCH = "op_agent_research_20261128_101500_1a2b3c4d";
  private static final String CANCELLED = "op_agent_research_20261128_101501_2b3c4d5e";
  private static final String DESIGN = "op_agent_design_20261128_101500_3c4d5e6f";
  private static final String TRAINING = "op_training_20261128_101510_4d5e6f70";

  /** Parameters exactly as the previous version wrote them (ResearchStepper, AgentService). */
  private static final String COMPLETED_PARAMS =
      "{\"phase\":\"assessing\",\"brief\":\"Explore RSI variations\","
          + "\"model\":\"claude-sonnet-4-5-20250929\",\"bypass_gates\":false,"
          + "\"design_op_id\":\""
          + DESIGN
          + "\",\"phase_start_time\":\"2026-11-28T10:16:00.000Z\","
          + "\"strategy_name\":\"explore_rsi_a1b2\","
          + "\"training_op_id\":\""
          + TRAINING
          + "\","
          + "\"training_result\":{\"accuracy\":0.05,\"final_loss\":0.95,\"initial_loss\":0.9,"
          + "\"epochs\":50,\"model_path\":\"models/stub/x.pt\"},"
          + "\"gate_rejection\":{\"gate\":\"training\",\"reason\":\"accuracy_below_threshold\","
          + "\"detail\":\"accuracy 0.050 < 0.10\"},"
          + "\"assessment_op_id\":\"op_agent_assessment_20261128_101520_5e6f7081\","
          + "\"assessment_verdict\":\"rejected\"}";

  private static final String CANCELLED_PARAMS =
      "{\"phase\":\"designing\",\"brief\":\"B\",\"model\":\"claude-haiku-4-5-20251001\","
          + "\"bypass_gates\":true,\"design_op_id\":\"op_agent_design_20261128_101501_6f708192\","
          + "\"phase_start_time\":\"2026-11-28T10:15:01.000Z\",\"cancel_reason\":\"enough\","
          + "\"cancelled_by\":\"cli\",\"cancelled_at\":\"2026-11-28T10:15:02.500Z\"}";

  /** An empty database of the kind under test (SQLite here, PostgreSQL in a subclass). */
  protected DatabaseLocation emptyDatabase() {
    return new DatabaseLocation.SqliteFile(dir.resolve("old.db"));
  }

  protected Dialect dialect() {
    return Dialect.SQLITE;
  }

  /** A plain connection source for {@code where}, to write what the old version wrote. */
  protected DataSource dataSource(DatabaseLocation where) {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + ((DatabaseLocation.SqliteFile) where).path());
    return ds;
  }

  @Test
  void researchStateMovesToItsTypedRowAndReadsBackTheSame() throws Exception {
    DatabaseLocation file = emptyDatabase();
    DataSource ds = dataSource(file);
    Flyway.configure()
        .dataSource(ds)
        .locations(dialect().migrationLocations().toArray(String[]::new))
        .target("2")
        .load()
        .migrate();
    try (Connection c = ds.getConnection()) {
      insert(
          c,
          RESEARCH,
          null,
          "agent_research",
          "completed",
          COMPLETED_PARAMS,
          "{\"success\":false,\"strategy_name\":\"explore_rsi_a1b2\",\"verdict\":\"rejected\"}");
      insert(
          c,
          DESIGN,
          RESEARCH,
          "agent_design",
          "completed",
          "{\"brief\":\"Explore RSI variations\",\"model\":\"claude-sonnet-4-5-20250929\","
              + "\"phase\":\"designing\"}",
          null);
      insert(c, TRAINING, RESEARCH, "training", "completed", "{\"brief\":\"x\"}", null);
      insert(c, CANCELLED, null, "agent_research", "cancelled", CANCELLED_PARAMS, null);
    }

    try (Database db = Database.open(file)) {
      OperationsService ops = new OperationsService(new SqlOperationStore(db), Clock.systemUTC());
      Operation done = ops.get(RESEARCH).orElseThrow();
      assertThat(done.status()).isEqualTo(OperationStatus.COMPLETED);
      assertThat(done.parameters()).isEqualTo(json(COMPLETED_PARAMS));
      Research r = done.research();
      assertThat(r.phase()).isEqualTo(Phase.ASSESSING);
      assertThat(r.childId(Phase.DESIGNING)).isEqualTo(DESIGN);
      assertThat(r.childId(Phase.BACKTESTING)).isNull();
      assertThat(r.strategyName()).isEqualTo("explore_rsi_a1b2");
      assertThat(r.gateRejection().reason()).isEqualTo("accuracy_below_threshold");
      assertThat(r.trainingResult()).containsEntry("epochs", 50);
      assertThat(done.resultSummary()).containsEntry("verdict", "rejected");

      Operation cancelled = ops.get(CANCELLED).orElseThrow();
      assertThat(cancelled.parameters()).isEqualTo(json(CANCELLED_PARAMS));
      assertThat(cancelled.research().cancel().by()).isEqualTo("cli");
      assertThat(cancelled.research().cancel().at())
          .isEqualTo(Instant.parse("2026-11-28T10:15:02.500Z"));
      assertThat(cancelled.research().bypassGates()).isTrue();

      Operation design = ops.get(DESIGN).orElseThrow();
      assertThat(design.research()).isNull();
      assertThat(design.parameters()).containsEntry("phase", "designing");

      List<Operation> all = ops.getAll(List.of(RESEARCH, DESIGN, TRAINING, CANCELLED));
      assertThat(all).allSatisfy(op -> assertThat(op.version()).isPositive());
      assertThat(all.stream().mapToLong(Operation::version).distinct().count()).isEqualTo(4);
      assertThat(ops.children(RESEARCH)).hasSize(2);
    }
  }

  private static Map<String, Object> json(String s) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(s, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
  }

  private static void insert(
      Connection c,
      String id,
      String parent,
      String type,
      String status,
      String params,
      String result)
      throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO operations (operation_id, parent_operation_id, operation_type, status,"
                + " created_at, started_at, completed_at, progress_percentage, current_step,"
                + " parameters, error_message, result_summary) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, id);
      ps.setString(2, parent);
      ps.setString(3, type);
      ps.setString(4, status);
      ps.setString(5, "2026-11-28T10:15:0" + (id.hashCode() & 7) + ".000Z");
      ps.setString(6, "2026-11-28T10:15:00.000Z");
      ps.setString(7, status.equals("running") ? null : "2026-11-28T10:17:00.000Z");
      ps.setDouble(8, 100);
      ps.setString(9, "Complete");
      ps.setString(10, params);
      ps.setString(11, status.equals("cancelled") ? "enough" : null);
      ps.setString(12, result);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO operation_events (ts, operation_id, event, from_status, to_status,"
                + " message) VALUES (?,?,?,?,?,?)")) {
      ps.setString(1, "2026-11-28T10:15:00.000Z");
      ps.setString(2, id);
      ps.setString(3, "created");
      ps.setString(4, null);
      ps.setString(5, "pending");
      ps.setString(6, type + " created");
      ps.executeUpdate();
    }
  }
}
