package dev.ktrdr.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Flyway runs only when the schema is behind; a current database opens without it. */
class DatabaseMigrationTest {
  @TempDir Path dir;

  @Test
  void theNewestMigrationIsTheVersionThatMarksASchemaCurrent() throws Exception {
    Path file = dir.resolve("k.db");
    Database.open(file).close(); // a new database: Flyway applies every migration
    SQLiteDataSource ds = Database.dataSource(file, false);
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1))
          .as("raise Database.NEWEST_MIGRATION with each new migration")
          .isEqualTo(Database.NEWEST_MIGRATION);
    }
    assertThat(Database.schemaIsCurrent(ds)).isTrue();
    // Flyway agrees: nothing it knows of is left to apply.
    Flyway flyway =
        Flyway.configure()
            .dataSource(ds)
            .locations("classpath:db/migration")
            .javaMigrations(new dev.ktrdr.db.migration.V004__ResearchStateAndVersions())
            .mixed(true)
            .load();
    assertThat(flyway.info().pending()).isEmpty();
    assertThat(flyway.info().current().getVersion().getVersion())
        .isEqualTo(Database.NEWEST_MIGRATION);
  }

  @Test
  void aNewDatabaseOrOneWithAFailedMigrationIsNotCurrent() throws Exception {
    Path file = dir.resolve("k.db");
    assertThat(Database.schemaIsCurrent(Database.dataSource(file, false))).isFalse();
    Database.open(file).close();
    SQLiteDataSource ds = Database.dataSource(file, false);
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE flyway_schema_history SET success = 0 WHERE version = '001'");
    }
    assertThat(Database.schemaIsCurrent(ds)).isFalse();
  }

  @Test
  void aCurrentDatabaseReopensWithItsData() throws Exception {
    Path file = dir.resolve("k.db");
    try (Database db = Database.open(file)) {
      db.writeAndWait(
          tx -> {
            try (Statement s = tx.connection().createStatement()) {
              return s.executeUpdate(
                  "INSERT INTO operation_events (ts, operation_id, event) VALUES ('t', 'x', 'log')");
            }
          },
          false);
    }
    try (Database db = Database.open(file)) {
      int n =
          db.read(
              c -> {
                try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM operation_events")) {
                  rs.next();
                  return rs.getInt(1);
                }
              });
      assertThat(n).isEqualTo(1);
    }
  }
}
