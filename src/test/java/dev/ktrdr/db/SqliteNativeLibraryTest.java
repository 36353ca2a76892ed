package dev.ktrdr.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver loads its native library from one cached copy, not a new temporary file per start. */
class SqliteNativeLibraryTest {
  @TempDir Path dir;

  @Test
  void theDriverIsPointedAtACompleteCachedCopyAndWorks() throws Exception {
    SqliteNativeLibrary.useCachedCopy();
    String folder = System.getProperty("org.sqlite.lib.path");
    String name = System.getProperty("org.sqlite.lib.name");
    assertThat(folder).isNotNull();
    Path copy = Path.of(folder, name);
    long jarSize =
        org.sqlite.SQLiteJDBCLoader.class
            .getResource(
                "/org/sqlite/native/"
                    + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS()
                    + "/"
                    + name)
            .openConnection()
            .getContentLengthLong();
    assertThat(Files.size(copy)).isEqualTo(jarSize);
    assertThat(Path.of(folder).getFileName().toString())
        .isEqualTo("sqlite-" + org.sqlite.SQLiteJDBCLoader.getVersion());

    SqliteNativeLibrary.useCachedCopy(); // again: the same copy, nothing rewritten
    assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo(folder);
    try (Connection c = Database.dataSource(dir.resolve("k.db"), false).getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isNotBlank();
    }
  }
}
