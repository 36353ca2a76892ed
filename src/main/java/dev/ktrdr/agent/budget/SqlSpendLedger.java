package dev.ktrdr.agent.budget;

import dev.ktrdr.db.Database;
import dev.ktrdr.operations.Timestamps;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;

/** {@link SpendLedger} in the {@code llm_spend} table. */
public final class SqlSpendLedger implements SpendLedger {
  private final Database db;

  public SqlSpendLedger(Database db) {
    this.db = db;
  }

  @Override
  public boolean record(SpendEntry e) {
    return db.writeAndWait(
        tx -> {
          PreparedStatement ps =
              tx.prepare(
                  "INSERT INTO llm_spend (operation_id, research_id, day, model, input_tokens,"
                      + " output_tokens, cost_usd, recorded_at) VALUES (?,?,?,?,?,?,?,?)"
                      + " ON CONFLICT (operation_id) DO NOTHING");
          ps.setString(1, e.operationId());
          ps.setString(2, e.researchId());
          ps.setString(3, e.day().toString());
          ps.setString(4, e.model());
          ps.setLong(5, e.inputTokens());
          ps.setLong(6, e.outputTokens());
          ps.setBigDecimal(7, e.costUsd());
          ps.setString(8, Timestamps.format(e.recordedAt()));
          return ps.executeUpdate() == 1;
        },
        false);
  }

  @Override
  public BigDecimal spendOn(LocalDate day) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COALESCE(SUM(cost_usd), 0) FROM llm_spend WHERE day = ?")) {
            ps.setString(1, day.toString());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return BigDecimal.valueOf(rs.getDouble(1));
            }
          }
        });
  }
}
