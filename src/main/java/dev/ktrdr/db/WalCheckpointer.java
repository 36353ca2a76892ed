package dev.ktrdr.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log into the database file on its own thread and connection, once a
 * second, so that no commit pays for it. By default the commit that fills the log past 1,000 pages
 * runs the checkpoint itself, fsync included: a cancel that happened to be that commit took 10–25
 * ms instead of one (the cancel p99 in the benchmark). A passive checkpoint waits for no reader and
 * no writer; the writer's own automatic checkpoints are turned off ({@link #disableOn}).
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
  static final long PERIOD_MILLIS = 200;
  static final int RESTART_ABOVE_PAGES = 16_384;
  static final long LOG_FILE_LIMIT_BYTES = 64L << 20;

  private final Connection connection;
  private final ScheduledExecutorService timer;

  private WalCheckpointer(Connection connection) {
    this.connection = connection;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ktrdr-db-checkpoint");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Turns off the automatic checkpoint a commit on {@code writer} would otherwise run, and caps the
   * size the log file keeps once it starts over.
   */
  static void disableOn(Connection writer) throws SQLException {
    try (Statement s = writer.createStatement()) {
      s.execute("PRAGMA wal_autocheckpoint=0");
      s.execute("PRAGMA journal_size_limit=" + LOG_FILE_LIMIT_BYTES);
    }
  }

  static WalCheckpointer start(DataSource ds) throws SQLException {
    Connection connection = ds.getConnection();
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA busy_timeout=0"); // give up rather than hold writes back waiting
    }
    WalCheckpointer c = new WalCheckpointer(connection);
    c.timer.scheduleWithFixedDelay(
        c::checkpoint, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    return c;
  }

  private void checkpoint() {
    try (Statement s = connection.createStatement()) {
      int logPages;
      try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
        logPages = rs.next() ? rs.getInt(2) : 0; // (busy, pages in the log, pages copied)
      }
      if (logPages > RESTART_ABOVE_PAGES) {
        log.debug("Write-ahead log at {} pages: restarting it", logPages);
        try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(RESTART)")) {
          rs.next();
        }
      }
    } catch (SQLException e) {
      log.debug("Checkpoint skipped: {}", e.getMessage()); // the next one retries
    }
  }

  /** Stops the timer (a checkpoint under way finishes first) and closes the connection. */
  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("A checkpoint was still running at close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("Closing the checkpoint connection: {}", e.getMessage());
    }
  }
}
