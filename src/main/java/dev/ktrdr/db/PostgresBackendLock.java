package dev.ktrdr.db;

import dev.ktrdr.config.DatabaseLocation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backend per PostgreSQL database: a session-level advisory lock, taken on a connection of its
 * own and held for the backend's life. The engine is the single writer and keeps its counts and
 * version sequence in memory, so a second backend on the same database is refused at start, as
 * SQLite's file lock refuses a second process on the same file. The lock goes with the session: a
 * backend killed with {@code kill -9} releases it as soon as the server notices the connection
 * closed.
 */
final class PostgresBackendLock implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresBackendLock.class);

  /** The advisory lock key: "ktrd" in ASCII, so that {@code pg_locks} shows it as objid. */
  static final long KEY = 0x6b747264L;

  /** Seconds to wait for the server before giving up with a clear message. */
  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  private volatile Connection session;
  private final PGSimpleDataSource ds;
  private final DatabaseLocation.Postgres where;

  private PostgresBackendLock(
      Connection session, PGSimpleDataSource ds, DatabaseLocation.Postgres where) {
    this.session = session;
    this.ds = ds;
    this.where = where;
  }

  /**
   * Makes sure the lock is still held, taking it again on a new session when the old one died (a
   * server restart or a dropped connection ends every session, and the lock with it). Called before
   * writing resumes after a lost connection, so that this backend writes again only while it holds
   * the lock: if another backend took it meanwhile, this one stays stopped.
   *
   * @throws DatabaseLockedException when another backend holds it now
   * @throws DatabaseException when the server cannot be reached
   */
  synchronized void ensureHeld() {
    try {
      if (session.isValid(5)) {
        return;
      }
    } catch (SQLException e) {
      // a dead session: take the lock again below
    }
    closeQuietly(session);
    session = acquire(ds, where).session;
  }

  /** The driver's data source for {@code where}; the password is passed, never logged. */
  static PGSimpleDataSource dataSource(DatabaseLocation.Postgres where) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    try {
      ds.setURL(where.jdbcUrl());
    } catch (IllegalArgumentException e) {
      throw new DatabaseException("Cannot use database " + where.display() + ": " + e.getMessage());
    }
    if (where.user() != null) {
      ds.setUser(where.user());
    }
    if (where.password() != null) {
      ds.setPassword(where.password());
    }
    ds.setApplicationName("ktrdr");
    ds.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
    ds.setTcpKeepAlive(true);
    return ds;
  }

  /**
   * Connects and takes the lock.
   *
   * @throws DatabaseLockedException when another backend holds it
   * @throws DatabaseException when the server cannot be reached or refuses the connection
   */
  static PostgresBackendLock acquire(PGSimpleDataSource ds, DatabaseLocation.Postgres where) {
    Connection c;
    try {
      c = ds.getConnection();
    } catch (SQLException e) {
      throw new DatabaseException(
          "Cannot connect to PostgreSQL database " + where.display() + ": " + reason(e, where), e);
    }
    try {
      boolean locked;
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        ps.setLong(1, KEY);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          locked = rs.getBoolean(1);
        }
      }
      if (!locked) {
        String holder = holder(c);
        c.close();
        throw new DatabaseLockedException(where.display(), holder);
      }
      log.info("Holding the backend lock of {}", where.display());
      return new PostgresBackendLock(c, ds, where);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new DatabaseException(
          "Cannot lock database " + where.display() + ": " + e.getMessage(), e);
    }
  }

  /**
   * For {@code ktrdr doctor}: connects without taking the lock for good, and says whether a backend
   * holds it. Null when the database is free, else who holds it.
   *
   * @throws DatabaseException when the server cannot be reached or refuses the connection
   */
  static String probe(DatabaseLocation.Postgres where) {
    PostgresBackendLock lock;
    try {
      lock = acquire(dataSource(where), where);
    } catch (DatabaseLockedException e) {
      return e.getMessage();
    }
    lock.close();
    return null;
  }

  /** Who holds the lock, as far as this user may see: "its session: pid 123 from 10.0.0.5". */
  private static String holder(Connection c) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT a.pid, a.client_addr, a.backend_start FROM pg_locks l"
                + " JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0"
                + " AND l.objid = ? AND l.objsubid = 1"
                + " AND l.database = (SELECT oid FROM pg_database"
                + " WHERE datname = current_database())")) {
      ps.setLong(1, KEY);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        String from = rs.getString(2);
        String since = rs.getString(3);
        return "its session: pid "
            + rs.getLong(1)
            + (from == null ? "" : " from " + from)
            + (since == null ? "" : ", connected since " + since);
      }
    } catch (SQLException e) {
      return null; // the refusal matters, not who holds it
    }
  }

  /** The driver's reason, on one line, with the fix for the common first-run problem. */
  private static String reason(SQLException e, DatabaseLocation.Postgres where) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    message = message.replaceAll("\\s*\\R\\s*", " ").strip();
    if ("3D000".equals(e.getSQLState())) { // invalid_catalog_name: no such database
      return message
          + " (create it first, e.g. `createdb -h "
          + where.host()
          + " -p "
          + where.port()
          + (where.user() == null ? "" : " -U " + where.user())
          + " "
          + where.database()
          + "`)";
    }
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      return message + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
    return message;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing more to release
    }
  }

  /** Ends the session, which releases the lock. */
  @Override
  public void close() {
    try {
      if (!session.isClosed()) {
        session.close();
        log.info("Released the backend lock");
      }
    } catch (SQLException e) {
      log.warn("Releasing the backend lock: {}", e.getMessage());
    }
  }
}
