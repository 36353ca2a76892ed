package dev.ktrdr.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded SQLite database: one file, WAL mode, migrated by Flyway on open, and held by one
 * process at a time (a second server on the same file is refused, see {@link
 * DatabaseLockedException}).
 *
 * <p>All access goes through one connection guarded by a lock: SQLite serialises writers anyway,
 * and one connection makes every read-check-write sequence atomic within the process.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final Path path;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final FileChannel lockChannel;
  private final FileLock fileLock;

  private Database(Path path, Connection connection, FileChannel lockChannel, FileLock fileLock) {
    this.path = path;
    this.connection = connection;
    this.lockChannel = lockChannel;
    this.fileLock = fileLock;
  }

  /** Opens (creating if needed) and migrates the database at {@code path}. */
  public static Database open(Path path) {
    Path file = path.toAbsolutePath();
    FileChannel channel = null;
    try {
      Path dir = file.getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      channel =
          FileChannel.open(
              Path.of(file + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fl = tryLock(channel);
      if (fl == null) {
        channel.close();
        throw new DatabaseLockedException(file);
      }
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      config.enforceForeignKeys(true);
      config.setBusyTimeout(5000);
      SQLiteDataSource ds = new SQLiteDataSource(config);
      ds.setUrl("jdbc:sqlite:" + file);
      Flyway.configure()
          .dataSource(ds)
          .locations("classpath:db/migration")
          .mixed(true)
          .load()
          .migrate();
      Connection c = ds.getConnection();
      log.info("Database open: {}", file);
      return new Database(file, c, channel, fl);
    } catch (IOException | SQLException e) {
      closeQuietly(channel);
      throw new DatabaseException("Cannot open database " + file + ": " + e.getMessage(), e);
    } catch (org.flywaydb.core.api.FlywayException e) {
      closeQuietly(channel);
      throw new DatabaseException("Cannot prepare database " + file + ": " + e.getMessage(), e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this very process (another open Database)
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }

  public Path path() {
    return path;
  }

  /** Runs {@code work} with exclusive use of the connection. */
  public <T> T withConnection(SqlWork<T> work) {
    lock.lock();
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new DatabaseException("Database error: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code work} in one transaction, rolled back if it throws. */
  public <T> T inTransaction(SqlWork<T> work) {
    return withConnection(
        c -> {
          c.setAutoCommit(false);
          try {
            T result = work.run(c);
            c.commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
        });
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!connection.isClosed()) {
        try (Statement s = connection.createStatement()) {
          s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        connection.close();
        log.info("Database closed: {}", path);
      }
    } catch (SQLException e) {
      log.warn("Closing database {}: {}", path, e.getMessage());
    } finally {
      lock.unlock();
      try {
        fileLock.release();
      } catch (IOException ignored) {
        // the channel close below releases it too
      }
      closeQuietly(lockChannel);
    }
  }

  /** A unit of JDBC work. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }
}
