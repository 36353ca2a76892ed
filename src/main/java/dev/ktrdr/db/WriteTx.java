package dev.ktrdr.db;

import java.sql.Connection;

/**
 * One unit of work inside the writer's current transaction. The unit runs in a savepoint of its
 * own, so a unit that throws is rolled back alone; the others in the same batch still commit.
 */
public interface WriteTx {
  /** The writer's connection; valid only while the unit runs, on the writer thread. */
  Connection connection();

  /**
   * Runs {@code action} on the writer thread after the batch holding this unit has committed and
   * before the unit's caller is answered; never runs when the unit or the commit fails.
   */
  void afterCommit(Runnable action);
}
