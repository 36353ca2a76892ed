package dev.ktrdr.db;

import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.testing.TestPostgres;
import javax.sql.DataSource;

/**
 * The same move forward from schema V002 on PostgreSQL: its own V001, the shared V002 and V003, its
 * widening V003.1, and the Java migration V004 that runs unchanged on both.
 */
class PostgresMigrationFromV002Test extends MigrationFromV002Test {
  @Override
  protected DatabaseLocation emptyDatabase() {
    return TestPostgres.emptyDatabase();
  }

  @Override
  protected Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  @Override
  protected DataSource dataSource(DatabaseLocation where) {
    return PostgresBackendLock.dataSource((DatabaseLocation.Postgres) where);
  }
}
