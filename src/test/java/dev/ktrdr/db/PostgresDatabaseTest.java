package dev.ktrdr.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Research;
import dev.ktrdr.operations.SqlOperationStore;
import dev.ktrdr.testing.DeadPort;
import dev.ktrdr.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What is PostgreSQL's own: its migrations, the one-backend rule held by an advisory lock, and the
 * start-up errors a user sees for a server that is not there or a database not yet created.
 */
class PostgresDatabaseTest {

  @Test
  void anEmptyDatabaseIsMigratedWithTheSharedAndItsOwnMigrations() throws Exception {
    DatabaseLocation.Postgres where = TestPostgres.emptyDatabase();
    try (Database db = Database.open(where)) {
      assertThat(db.dialect()).isEqualTo(Dialect.POSTGRESQL);
      assertThat(db.path()).isNull();
      List<String> versions =
          db.read(
              c -> {
                List<String> out = new ArrayList<>();
                try (Statement s = c.createStatement();
                    ResultSet rs =
                        s.executeQuery(
                            "SELECT version FROM flyway_schema_history WHERE success"
                                + " ORDER BY installed_rank")) {
                  while (rs.next()) {
                    out.add(rs.getString(1));
                  }
                }
                return out;
              });
      assertThat(versions).containsExactly("001", "002", "003", "003.1", "004", "010", "011");
    }
    // so the next start skips Flyway, as on SQLite
    assertThat(Database.schemaIsCurrent(PostgresBackendLock.dataSource(where))).isTrue();
  }

  @Test
  void numbersWiderThanPostgresIntegersSurvive() {
    DatabaseLocation.Postgres where = TestPostgres.freshDatabase();
    try (Database db = Database.open(where)) {
      OperationsService ops = new OperationsService(new SqlOperationStore(db), Clock.systemUTC());
      Research seeded =
          Research.triggered("wide", "claude-haiku-4-5-20251001", false)
              .withStrategy(new Research.Strategy("s", Map.of("k", 1), "btc-5m", Long.MAX_VALUE));
      String id = ops.inTransaction(w -> w.insertResearch(seeded), true).operationId();
      assertThat(ops.get(id).orElseThrow().research().strategy().seed()).isEqualTo(Long.MAX_VALUE);
      ops.updateProgress(id, 33.333333333, "a third");
      assertThat(ops.get(id).orElseThrow().progressPercentage()).isEqualTo(33.333333333);
    }
  }

  @Test
  void aSecondBackendIsRefusedAndTheNextOneStartsOnceTheFirstIsGone() throws Exception {
    DatabaseLocation.Postgres where = TestPostgres.freshDatabase();
    String id;
    try (Database first = Database.open(where)) {
      id =
          new OperationsService(new SqlOperationStore(first), Clock.systemUTC())
              .create(OperationType.AGENT_RESEARCH, null, Map.of("brief", "kept"))
              .operationId();
      assertThatThrownBy(() -> Database.open(where))
          .isInstanceOf(DatabaseLockedException.class)
          .hasMessageContaining("another ktrdr backend is using this database")
          .hasMessageContaining(where.display())
          .hasMessageContaining("its session: pid ");
    }
    // A backend killed outright: its session ends (here: terminated by the server), the lock goes.
    Database second = Database.open(where);
    try {
      assertThat(
              new OperationsService(new SqlOperationStore(second), Clock.systemUTC())
                  .get(id)
                  .map(op -> op.param("brief")))
          .contains("kept");
      terminateBackendSessions(where);
      Database third = Database.open(where);
      third.close();
    } finally {
      closeQuietly(second);
    }
  }

  @Test
  void anUnreachableServerIsAOneLineErrorWithoutThePassword() throws Exception {
    try (DeadPort dead = new DeadPort()) {
      DatabaseLocation.Postgres where =
          (DatabaseLocation.Postgres)
              DatabaseLocation.parse(
                  "postgresql://ktrdr:s3cret-pw@127.0.0.1:" + dead.port() + "/ktrdr");
      assertThatThrownBy(() -> Database.open(where))
          .isInstanceOf(DatabaseException.class)
          .hasMessageStartingWith(
              "Cannot connect to PostgreSQL database postgresql://ktrdr@127.0.0.1:"
                  + dead.port()
                  + "/ktrdr: ")
          .hasMessageContaining("refused")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("\n"));
    }
  }

  @Test
  void aDatabaseNotYetCreatedSaysHowToCreateIt() {
    DatabaseLocation.Postgres fresh = TestPostgres.freshDatabase();
    DatabaseLocation.Postgres missing =
        new DatabaseLocation.Postgres(
            fresh.host(), fresh.port(), "ktrdr_not_created", "postgres", null, "");
    assertThatThrownBy(() -> Database.open(missing))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("database \"ktrdr_not_created\" does not exist")
        .hasMessageContaining("createdb -h localhost -p " + fresh.port() + " -U postgres");
  }

  @Test
  void aLoginThatMayNotCreateTheTablesIsAOneLineError() throws Exception {
    DatabaseLocation.Postgres empty = TestPostgres.emptyDatabase();
    try (Connection c = TestPostgres.server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "DO $$ BEGIN CREATE ROLE ktrdr_reader LOGIN; EXCEPTION WHEN duplicate_object"
              + " THEN NULL; END $$");
    }
    DatabaseLocation.Postgres asReader =
        new DatabaseLocation.Postgres(
            empty.host(), empty.port(), empty.database(), "ktrdr_reader", null, "");
    assertThatThrownBy(() -> Database.open(asReader))
        .isInstanceOf(DatabaseException.class)
        .hasMessageStartingWith("Cannot prepare database " + asReader.display() + ": ")
        .hasMessageContaining("permission denied")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    // and the refusal left the database free for a backend with the right login
    Database.open(empty).close();
  }

  @Test
  void aWriteAfterTheServerDroppedEveryConnectionReconnectsAndTakesTheLockAgain() throws Exception {
    DatabaseLocation.Postgres where = TestPostgres.freshDatabase();
    try (Database db = Database.open(where)) {
      db.idleCheckAfter(0); // as after a second of quiet: the connection is checked first
      OperationsService ops = new OperationsService(new SqlOperationStore(db), Clock.systemUTC());
      String before =
          ops.create(OperationType.AGENT_RESEARCH, null, Map.of("brief", "a")).operationId();
      terminateBackendSessions(where); // a server restart or a network cut, as the backend sees it

      String after =
          ops.create(OperationType.AGENT_RESEARCH, null, Map.of("brief", "b")).operationId();
      assertThat(ops.start(after).applied()).isTrue();

      assertThat(stored(where, before)).isTrue();
      assertThat(stored(where, after)).isTrue();
      // It writes again only because it holds the lock again: a second backend is still refused.
      assertThatThrownBy(() -> Database.open(where)).isInstanceOf(DatabaseLockedException.class);
    }
  }

  @Test
  void theWriteThatMeetsADeadConnectionFailsInWordsAndTheNextOneSucceeds() throws Exception {
    DatabaseLocation.Postgres where = TestPostgres.freshDatabase();
    try (Database db = Database.open(where)) {
      db.idleCheckAfter(Long.MAX_VALUE); // never checked ahead: the write finds out
      OperationsService ops = new OperationsService(new SqlOperationStore(db), Clock.systemUTC());
      ops.create(OperationType.AGENT_RESEARCH, null, Map.of("brief", "a"));
      terminateBackendSessions(where);

      assertThatThrownBy(
              () -> ops.create(OperationType.AGENT_RESEARCH, null, Map.of("brief", "lost")))
          .isInstanceOf(DatabaseException.class)
          .hasMessageStartingWith("Database error: ");
      String next =
          ops.create(OperationType.AGENT_RESEARCH, null, Map.of("brief", "b")).operationId();
      assertThat(stored(where, next)).isTrue();
      assertThat(countOperations(where)).isEqualTo(2); // the failed write left nothing behind
    }
  }

  @Test
  void aBackendWhoseLockWasTakenByAnotherNeverWritesAgain() throws Exception {
    DatabaseLocation.Postgres where = TestPostgres.freshDatabase();
    Database first = Database.open(where);
    try {
      first.idleCheckAfter(0);
      OperationsService ops1 =
          new OperationsService(new SqlOperationStore(first), Clock.systemUTC());
      ops1.create(OperationType.AGENT_RESEARCH, null, Map.of("brief", "first"));
      terminateBackendSessions(where);
      try (Database second = Database.open(where)) {
        assertThatThrownBy(
                () -> ops1.create(OperationType.AGENT_RESEARCH, null, Map.of("brief", "stale")))
            .isInstanceOf(DatabaseException.class)
            .hasMessageStartingWith(
                "Nothing was written: the write connection to the database is lost")
            .hasMessageContaining("another ktrdr backend is using this database");
        new OperationsService(new SqlOperationStore(second), Clock.systemUTC())
            .create(OperationType.AGENT_RESEARCH, null, Map.of("brief", "second"));
        assertThat(countOperations(where)).isEqualTo(2); // first's and second's, no stale one
      }
    } finally {
      closeQuietly(first);
    }
  }

  private static boolean stored(DatabaseLocation.Postgres where, String id) throws Exception {
    try (Connection c =
            TestPostgres.server().getDatabase("postgres", where.database()).getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT 1 FROM operations WHERE operation_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static int countOperations(DatabaseLocation.Postgres where) throws Exception {
    try (Connection c =
            TestPostgres.server().getDatabase("postgres", where.database()).getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM operations")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Ends every session of ktrdr's on {@code where}, as a server does for a killed client. */
  private static void terminateBackendSessions(DatabaseLocation.Postgres where) throws Exception {
    try (Connection c = TestPostgres.server().getPostgresDatabase().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = ? AND application_name = 'ktrdr'")) {
      ps.setString(1, where.database());
      try (ResultSet rs = ps.executeQuery()) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertThat(n).isPositive();
      }
    }
  }

  private static void closeQuietly(Database db) {
    try {
      db.close();
    } catch (RuntimeException ignored) {
      // its connections were terminated under it; closing is all that is left
    }
  }
}
