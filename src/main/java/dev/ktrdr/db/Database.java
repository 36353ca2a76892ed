package dev.ktrdr.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.db.migration.V004__ResearchStateAndVersions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store's database: an embedded SQLite file (the default; WAL mode) or a PostgreSQL database
 * (several machines, see {@link DatabaseLocation}), migrated by Flyway on open and used by one
 * backend at a time (a second server on the same database is refused, see {@link
 * DatabaseLockedException}).
 *
 * <p>Who may do what: every write goes through {@link #write}, to one writer thread that commits
 * queued units in groups (see {@link GroupCommitWriter}; on PostgreSQL a group is one transaction
 * too); reads use {@link #read}, on a small pool of read-only connections. A reader sees the last
 * commit and never waits for the writer (SQLite's WAL, PostgreSQL's MVCC), so a long export or
 * listing cannot hold up a cancel.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** Read connections: enough for the API, the window and the coordinator to read at once. */
  static final int READERS = 4;

  private final DatabaseLocation location;
  private final Dialect dialect;
  private final GroupCommitWriter writer;
  private final HikariDataSource readers;
  private final WalCheckpointer checkpointer; // SQLite only
  private final AutoCloseable backendLock;

  private Database(
      DatabaseLocation location,
      Dialect dialect,
      GroupCommitWriter writer,
      HikariDataSource readers,
      WalCheckpointer checkpointer,
      AutoCloseable backendLock) {
    this.location = location;
    this.dialect = dialect;
    this.writer = writer;
    this.readers = readers;
    this.checkpointer = checkpointer;
    this.backendLock = backendLock;
  }

  /** Opens (creating if needed) and migrates the SQLite database at {@code path}. */
  public static Database open(Path path) {
    return open(new DatabaseLocation.SqliteFile(path.toAbsolutePath()));
  }

  /**
   * Opens and migrates the database at {@code location}: an SQLite file (created if needed) or an
   * existing PostgreSQL database (its tables created if needed).
   *
   * @throws DatabaseLockedException when another backend uses it
   * @throws DatabaseException with a one-line reason when it cannot be reached or prepared
   */
  public static Database open(DatabaseLocation location) {
    if (location instanceof DatabaseLocation.Postgres) {
      return openPostgres((DatabaseLocation.Postgres) location);
    }
    return openSqlite(((DatabaseLocation.SqliteFile) location).path().toAbsolutePath());
  }

  private static Database openSqlite(Path file) {
    FileChannel channel = null;
    Connection writerConnection = null;
    HikariDataSource readers = null;
    WalCheckpointer checkpointer = null;
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
      SqliteNativeLibrary.useCachedCopy();
      SQLiteDataSource ds = dataSource(file, false);
      migrate(ds, Dialect.SQLITE);
      writerConnection = ds.getConnection();
      WalCheckpointer.disableOn(writerConnection);
      readers = readPool(dataSource(file, true));
      checkpointer = WalCheckpointer.start(ds);
      GroupCommitWriter writer = new GroupCommitWriter(writerConnection, "ktrdr-db-writer");
      log.info("Database open: {}", file);
      FileChannel held = channel;
      AutoCloseable release =
          () -> {
            try {
              fl.release();
            } finally {
              held.close();
            }
          };
      return new Database(
          new DatabaseLocation.SqliteFile(file),
          Dialect.SQLITE,
          writer,
          readers,
          checkpointer,
          release);
    } catch (IOException | SQLException | RuntimeException e) {
      if (readers != null) {
        readers.close();
      }
      closeQuietly(checkpointer);
      closeQuietly(writerConnection);
      closeQuietly(channel);
      throw failure(e, file.toString());
    }
  }

  private static Database openPostgres(DatabaseLocation.Postgres where) {
    PostgresBackendLock lock = null;
    Connection writerConnection = null;
    HikariDataSource readers = null;
    try {
      PGSimpleDataSource ds = PostgresBackendLock.dataSource(where);
      lock = PostgresBackendLock.acquire(ds, where);
      migrate(ds, Dialect.POSTGRESQL);
      writerConnection = ds.getConnection();
      readers = readPool(ds);
      PostgresBackendLock held = lock;
      GroupCommitWriter writer =
          new GroupCommitWriter(
              writerConnection,
              () -> {
                held.ensureHeld(); // never write again without the lock
                return ds.getConnection();
              },
              "ktrdr-db-writer");
      log.info("Database open: {}", where.display());
      return new Database(where, Dialect.POSTGRESQL, writer, readers, null, lock);
    } catch (SQLException | RuntimeException e) {
      if (readers != null) {
        readers.close();
      }
      closeQuietly(writerConnection);
      closeQuietly(lock);
      DatabaseException failure = failure(e, where.display());
      // Flyway and the server may answer over several lines; a start-up error is one.
      String line = failure.getMessage().replaceAll("\\s*\\R\\s*", " ").strip();
      throw line.equals(failure.getMessage())
          ? failure
          : new DatabaseException(line, failure.getCause() == null ? failure : failure.getCause());
    }
  }

  /**
   * Checks that a PostgreSQL database can be reached, without opening or migrating it: null when no
   * backend uses it, else the message saying which one does.
   *
   * @throws DatabaseException with a one-line reason when it cannot be reached
   */
  public static String probe(DatabaseLocation.Postgres where) {
    return PostgresBackendLock.probe(where);
  }

  private static DatabaseException failure(Exception e, String where) {
    if (e instanceof DatabaseException) {
      return (DatabaseException) e;
    }
    String what =
        e instanceof org.flywaydb.core.api.FlywayException ? "Cannot prepare" : "Cannot open";
    return new DatabaseException(what + " database " + where + ": " + e.getMessage(), e);
  }

  /**
   * The newest migration's version as Flyway records it ({@code db/migration}, {@code V004} in
   * Java). A new migration must raise it: {@code DatabaseMigrationTest} fails until it does.
   */
  static final String NEWEST_MIGRATION = "011";

  /**
   * True when the newest migration is applied and none failed: one cheap query, in SQL both
   * databases read ({@code success} is an integer in SQLite, a boolean in PostgreSQL).
   */
  private static final String SCHEMA_IS_CURRENT =
      "SELECT (SELECT COUNT(*) FROM flyway_schema_history WHERE version = ? AND success),"
          + " (SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success)";

  /**
   * Applies the SQL migrations and the Java data moves, registered here rather than scanned. A
   * database already at the newest version skips Flyway altogether: its set-up (scanning the jar,
   * validating every applied migration) was a second of each start.
   */
  static void migrate(DataSource ds, Dialect dialect) {
    if (schemaIsCurrent(ds)) {
      return;
    }
    Flyway.configure()
        .dataSource(ds)
        .locations(dialect.migrationLocations().toArray(String[]::new))
        .javaMigrations(new V004__ResearchStateAndVersions())
        .mixed(true)
        .load()
        .migrate();
  }

  static boolean schemaIsCurrent(DataSource ds) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(SCHEMA_IS_CURRENT)) {
      ps.setString(1, NEWEST_MIGRATION);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getInt(1) == 1 && rs.getInt(2) == 0;
      }
    } catch (SQLException e) {
      return false; // no history table yet: a new database, Flyway creates it
    }
  }

  static SQLiteDataSource dataSource(Path file, boolean readOnly) {
    SQLiteConfig config = new SQLiteConfig();
    if (readOnly) {
      config.setReadOnly(true);
    } else {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    }
    // NORMAL in WAL mode: a commit survives a crash of this process (kill -9), not a power cut.
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(5000);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + file);
    return ds;
  }

  private static HikariDataSource readPool(DataSource source) {
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(source);
    hc.setPoolName("ktrdr-read");
    hc.setMaximumPoolSize(READERS);
    hc.setMinimumIdle(1);
    hc.setAutoCommit(true);
    hc.setReadOnly(true); // as the connections are opened: SQLite cannot switch it later
    hc.setConnectionTimeout(30_000);
    return new HikariDataSource(hc);
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this very process (another open Database)
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // nothing more to release
      }
    }
  }

  /** The SQLite file, or null on PostgreSQL (see {@link #location()}). */
  public Path path() {
    return location instanceof DatabaseLocation.SqliteFile
        ? ((DatabaseLocation.SqliteFile) location).path()
        : null;
  }

  public DatabaseLocation location() {
    return location;
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * Runs {@code work} on a read-only connection. Never waits for the writer; sees everything
   * committed before it started.
   */
  public <T> T read(SqlWork<T> work) {
    try (Connection c = readers.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new DatabaseException("Database error: " + e.getMessage(), e);
    }
  }

  /**
   * Queues {@code work} for the writer thread. The future completes after the batch holding it has
   * committed (or fails with the unit's exception, the unit alone rolled back). Urgent units
   * (triggers, cancels) go ahead of queued routine ones (progress).
   */
  public <T> CompletableFuture<T> write(WriteWork<T> work, boolean urgent) {
    return writer.submit(work, urgent);
  }

  /**
   * {@link #write} and wait for the commit. Must not be called from the writer thread. When the
   * writer is idle the unit runs on the calling thread (no hand-off); otherwise it joins the next
   * batch.
   */
  public <T> T writeAndWait(WriteWork<T> work, boolean urgent) {
    return await(writer.runOrSubmit(work, urgent));
  }

  /**
   * {@code listener} is called on the writer thread, with the write connection, whenever a unit of
   * work was rolled back or a batch failed to commit: state kept beside the database that follows
   * its uncommitted writes must be dropped then.
   */
  public void onRollback(java.util.function.Consumer<Connection> listener) {
    writer.onRollback(listener);
  }

  /** Write batches so far: how many, how many units in all, the largest (diagnostics). */
  public String writeStats() {
    GroupCommitWriter.BatchStats s = writer.stats();
    return String.format(
        "%d batches, %d units, %.2f per batch, largest %d",
        s.batches(),
        s.units(),
        s.batches() == 0 ? 0.0 : (double) s.units() / s.batches(),
        s.largest());
  }

  /** Waits for a write's commit, rethrowing its failure as it was. */
  public <T> T await(CompletableFuture<T> future) {
    if (writer.isWriterThread()) {
      throw new IllegalStateException(
          "Waiting for a write on the writer thread would deadlock: "
              + "listeners and after-commit actions must not write synchronously");
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          // The write is queued and will commit (close() drains the queue): wait for it, so the
          // caller knows what happened, and leave the interrupt for its next wait.
          interrupted = true;
        }
      }
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new DatabaseException("Database error: " + cause, cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Tests: how often the write connection is checked before a batch. */
  void idleCheckAfter(long nanos) {
    writer.idleCheckAfter(nanos);
  }

  /** True on the writer thread (where listeners run). */
  public boolean isWriterThread() {
    return writer.isWriterThread();
  }

  @Override
  public void close() {
    writer.close();
    readers.close();
    closeQuietly(checkpointer); // before the last, full checkpoint below
    Connection writerConnection = writer.connection();
    try {
      if (!writerConnection.isClosed()) {
        writerConnection.setAutoCommit(true);
        if (dialect == Dialect.SQLITE) {
          try (Statement s = writerConnection.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
          }
        }
        writerConnection.close();
        log.info("Database closed: {}", location.display());
      }
    } catch (SQLException e) {
      log.warn("Closing database {}: {}", location.display(), e.getMessage());
    } finally {
      closeQuietly(backendLock); // last: the next backend may start only once this one is done
    }
  }

  /** A unit of JDBC reading. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }
}
