package dev.ktrdr.db;

import dev.ktrdr.research.data.DatasetStore;
import dev.ktrdr.research.data.DatasetStoreContractTest;
import dev.ktrdr.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The dataset store contract on PostgreSQL: the engine's store, a fresh database per store. */
class PostgresDatasetStoreTest extends DatasetStoreContractTest {
  private final List<Database> open = new ArrayList<>();

  @AfterEach
  void closeAll() {
    open.forEach(Database::close);
  }

  @Override
  protected DatasetStore store() {
    Database d = Database.open(TestPostgres.freshDatabase());
    open.add(d);
    return new SqlDatasetStore(d);
  }
}
