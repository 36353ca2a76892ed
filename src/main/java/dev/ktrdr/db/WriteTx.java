package dev.ktrdr.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One unit of work inside the writer's current transaction. The unit runs in a savepoint of its
 * own, so a unit that throws is rolled back alone; the others in the same batch still commit.
 */
public interface WriteTx {
  /** The writer's connection; valid only while the unit runs, on the writer thread. */
  Connection connection();

  /**
   * A prepared statement for {@code sql} on the writer's connection, prepared once and kept: the
   * writer runs the same few statements thousands of times a second, and preparing one costs more
   * than running it. Do not close it; close its result sets. Valid only while the unit runs.
   */
  PreparedStatement prepare(String sql) throws SQLException;

  /**
   * Runs {@code action} on the writer thread after the batch holding this unit has committed and
   * before the unit's caller is answered; never runs when the unit or the commit fails.
   */
  void afterCommit(Runnable action);
}
