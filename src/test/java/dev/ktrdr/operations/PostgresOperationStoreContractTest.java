package dev.ktrdr.operations;

import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.testing.TestPostgres;

/** The operation store contract on PostgreSQL (an embedded server, a fresh database per test). */
class PostgresOperationStoreContractTest extends OperationStoreContractTest {
  @Override
  protected DatabaseLocation newLocation() {
    return TestPostgres.freshDatabase();
  }

  @Override
  protected String refusalMessage() {
    return "another ktrdr backend is using this database";
  }
}
