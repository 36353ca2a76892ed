package dev.ktrdr.db;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Keeps sqlite-jdbc's native library in the user's cache folder and points the driver at that copy.
 * Left to itself, the driver writes the 1.3 MB library to the temporary folder under a new name at
 * every start, hashes both to check the copy, and deletes it at exit: about a tenth of a second of
 * each start. The cached copy is written once per driver version (to a temporary name, then moved
 * into place, so a concurrent start never loads half a file) and used only when its size is the
 * jar's; whenever anything is off, the driver is left to do as it always did.
 */
final class SqliteNativeLibrary {
  private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);
  private static final String PATH_PROPERTY = "org.sqlite.lib.path";
  private static final String NAME_PROPERTY = "org.sqlite.lib.name";

  private SqliteNativeLibrary() {}

  /** Before the driver's first connection; once is enough, more is harmless. */
  static synchronized void useCachedCopy() {
    if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
      return; // chosen by whoever started the JVM
    }
    try {
      String name = System.mapLibraryName("sqlitejdbc"); // the driver's own names in its jar
      String resource =
          "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
      URL url = SQLiteJDBCLoader.class.getResource(resource);
      Path dir = cacheFolder();
      if (url == null || dir == null) {
        return;
      }
      URLConnection c = url.openConnection();
      long size = c.getContentLengthLong();
      Path folder = dir.resolve("sqlite-" + SQLiteJDBCLoader.getVersion());
      Path copy = folder.resolve(name);
      if (!Files.isRegularFile(copy) || Files.size(copy) != size) {
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, name, ".partial");
        try (InputStream in = c.getInputStream()) {
          Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
          Files.move(
              partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(partial);
        }
        if (Files.size(copy) != size) {
          return;
        }
      }
      System.setProperty(PATH_PROPERTY, folder.toString());
      System.setProperty(NAME_PROPERTY, name);
    } catch (IOException | RuntimeException e) {
      log.debug("SQLite's native library stays with the driver: {}", e.toString());
    }
  }

  /** {@code $XDG_CACHE_HOME/ktrdr}, else {@code ~/.cache/ktrdr}; null without a home. */
  private static Path cacheFolder() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "ktrdr");
    }
    String home = System.getProperty("user.home");
    return home == null || home.isBlank() ? null : Path.of(home, ".cache", "ktrdr");
  }
}
