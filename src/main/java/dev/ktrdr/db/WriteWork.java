package dev.ktrdr.db;

import java.sql.SQLException;

/** A unit of writing, run by the one writer thread inside a group-committed transaction. */
@FunctionalInterface
public interface WriteWork<T> {
  T run(WriteTx tx) throws SQLException;
}
