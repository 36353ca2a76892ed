package dev.ktrdr.research.data;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * How {@link JdbcDatasetStore} gets a connection: borrowed for one operation and given back. A pool
 * hands out and closes connections; a program that shares one connection guarded by a lock takes
 * the lock in {@link #acquire()} and releases it in {@link #release(Connection)}.
 */
public interface ConnectionProvider {
  /** A connection for the exclusive use of the caller until {@link #release}. */
  Connection acquire() throws SQLException;

  /** Gives back a connection from {@link #acquire()}. */
  void release(Connection connection) throws SQLException;

  /** Each operation gets its own connection from {@code dataSource} and closes it. */
  static ConnectionProvider of(DataSource dataSource) {
    return new ConnectionProvider() {
      @Override
      public Connection acquire() throws SQLException {
        return dataSource.getConnection();
      }

      @Override
      public void release(Connection connection) throws SQLException {
        connection.close();
      }
    };
  }
}
