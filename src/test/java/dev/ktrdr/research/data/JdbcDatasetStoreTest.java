package dev.ktrdr.research.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

class JdbcDatasetStoreTest extends DatasetStoreContractTest {
  @TempDir Path dir;

  private SQLiteDataSource dataSource(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(5000);
    config.enforceForeignKeys(true); // as the console's database does
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + file);
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration", "classpath:db/vendor/sqlite")
        .mixed(true)
        .load()
        .migrate();
    return ds;
  }

  @Override
  protected DatasetStore store() {
    return new JdbcDatasetStore(ConnectionProvider.of(dataSource(dir.resolve("store.db"))));
  }

  @Test
  void dataSurvivesAReopenOfTheDatabase() {
    Path file = dir.resolve("reopen.db");
    Dataset d = dataset("keep", 100, 7);
    new JdbcDatasetStore(ConnectionProvider.of(dataSource(file))).save(d, null, false);
    DatasetStore reopened = new JdbcDatasetStore(ConnectionProvider.of(dataSource(file)));
    assertThat(reopened.find("keep")).contains(d);
  }

  @Test
  void theImportReportIsKeptBesideTheBars() throws Exception {
    SQLiteDataSource ds = dataSource(dir.resolve("report.db"));
    ImportResult r =
        CsvImporter.importFile(
            CsvImporterTest.fixture("messy.csv"), "messy-1d", "M", Timeframe.parse("1d"));
    new JdbcDatasetStore(ConnectionProvider.of(ds)).save(r.dataset(), r.report(), false);
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT import_report FROM datasets WHERE dataset_id = 'messy-1d'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).contains("\"rows_read\":8");
    }
  }

  @Test
  void aFailedSaveLeavesNothingBehind() {
    SQLiteDataSource ds = dataSource(dir.resolve("atomic.db"));
    // a provider whose connection breaks after the dataset row: the bars insert fails
    ConnectionProvider breaking =
        new ConnectionProvider() {
          @Override
          public Connection acquire() throws SQLException {
            Connection c = ds.getConnection();
            try (Statement s = c.createStatement()) {
              s.execute(
                  "CREATE TEMP TRIGGER no_bars BEFORE INSERT ON dataset_bars"
                      + " BEGIN SELECT RAISE(ABORT, 'disk full'); END");
            }
            return c;
          }

          @Override
          public void release(Connection c) throws SQLException {
            c.close();
          }
        };
    assertThatThrownBy(() -> new JdbcDatasetStore(breaking).save(dataset("x", 5, 1), null, false))
        .isInstanceOf(DatasetStoreException.class)
        .hasMessageContaining("disk full");
    assertThat(new JdbcDatasetStore(ConnectionProvider.of(ds)).list()).isEmpty();
  }
}
