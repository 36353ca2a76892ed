package dev.ktrdr.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Commits never copy the write-ahead log into the database file; the checkpointer's thread does.
 */
class WalCheckpointerTest {
  @TempDir Path dir;

  @Test
  void commitsLeaveTheLogToTheCheckpointerWhichCopiesItIntoTheFile() throws Exception {
    Path file = dir.resolve("k.db");
    SQLiteDataSource ds = Database.dataSource(file, false);
    try (Connection writer = ds.getConnection()) {
      WalCheckpointer.disableOn(writer);
      try (Statement s = writer.createStatement()) {
        s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)");
      }
      long fileBefore = Files.size(file);
      // 3,000 commits of a page each: three times the log size at which a commit would otherwise
      // run the checkpoint itself.
      try (PreparedStatement insert =
          writer.prepareStatement("INSERT INTO t (payload) VALUES (?)")) {
        for (int i = 0; i < 3_000; i++) {
          insert.setBytes(1, new byte[4000]);
          insert.executeUpdate();
        }
      }
      assertThat(Files.size(file))
          .as("no commit copied the log into the database file")
          .isEqualTo(fileBefore);
      assertThat(Files.size(Path.of(file + "-wal"))).isGreaterThan(3_000L * 4000);

      try (WalCheckpointer checkpointer = WalCheckpointer.start(ds)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.size(file) > 3_000L * 4000);
      }
    }
  }
}
