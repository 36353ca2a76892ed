package dev.ktrdr.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer. Units of work run one batch at a time on the write connection: each unit in a
 * savepoint of one transaction, one commit for the batch, then the after-commit actions in order,
 * and only then each caller's future completes. So every acknowledged change is committed,
 * concurrent writers share one commit, and the order of commits is the order of after-commit
 * actions (events are published there).
 *
 * <p>Who runs a batch: a caller that waits for its write and finds the writer idle with nothing
 * queued runs its unit itself, on its own thread (no hand-off to another thread and back, which on
 * a loaded machine costs more than the write). Otherwise the unit is queued, and the writer thread
 * takes everything queued (urgent units first, at most {@link #MAX_BATCH}) as soon as the current
 * batch is done: that is where concurrent writes share a commit. Either way one batch runs at a
 * time, and while it runs its thread is "the writer thread".
 *
 * <p>Why one writer: SQLite admits one writer at a time anyway; owning the connection turns lock
 * waits into a queue whose units batch into one commit, and makes every read-check-write inside a
 * unit atomic without any lock in the callers.
 */
final class GroupCommitWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

  /** Caps one batch so that an urgent unit queued behind it waits for at most this many. */
  static final int MAX_BATCH = 256;

  /** A new write connection, ready for writing (for PostgreSQL: the backend lock held). */
  @FunctionalInterface
  interface Reconnect {
    Connection open() throws SQLException;
  }

  /**
   * A connection idle this long is checked before the next batch: a database server that restarted
   * or a network that dropped the connection meanwhile then costs a reconnect, not a failed write.
   */
  static final long IDLE_CHECK_NANOS = 1_000_000_000L;

  /** The write connection; replaced only by the thread running a batch (one at a time). */
  private volatile Connection connection;

  private final Reconnect reconnect;
  private volatile long idleCheckNanos = IDLE_CHECK_NANOS;
  private long idleSince = System.nanoTime();
  private boolean suspect;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final ArrayDeque<Job<?>> urgent = new ArrayDeque<>();
  private final ArrayDeque<Job<?>> normal = new ArrayDeque<>();
  private final Thread thread;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final List<Consumer<Connection>> rollbackListeners = new CopyOnWriteArrayList<>();
  private final BatchStats stats = new BatchStats();
  private boolean closing;

  /** True while a batch runs (on the writer thread or inline on a caller's); guarded by lock. */
  private boolean busy;

  /** The thread running the current batch, or null. */
  private volatile Thread runner;

  GroupCommitWriter(Connection connection, String name) throws SQLException {
    this(connection, null, name);
  }

  /**
   * @param reconnect opens a new write connection when the current one is found dead (a database
   *     server that restarted, a dropped network connection); null: never (a SQLite file)
   */
  GroupCommitWriter(Connection connection, Reconnect reconnect, String name) throws SQLException {
    this.connection = connection;
    this.reconnect = reconnect;
    connection.setAutoCommit(false);
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues {@code unit}; the future completes after its commit. Never runs it on this thread. */
  <T> CompletableFuture<T> submit(WriteWork<T> unit, boolean isUrgent) {
    Job<T> job = new Job<>(unit);
    lock.lock();
    try {
      if (closing) {
        job.future.completeExceptionally(new DatabaseException("The database is closed"));
        return job.future;
      }
      (isUrgent ? urgent : normal).add(job);
      if (!busy) {
        work.signal();
      }
    } finally {
      lock.unlock();
    }
    return job.future;
  }

  /**
   * Runs {@code unit} on this thread if the writer is idle and nothing is queued (the future is
   * complete on return), else queues it as {@link #submit} does. For callers that wait anyway.
   */
  <T> CompletableFuture<T> runOrSubmit(WriteWork<T> unit, boolean isUrgent) {
    if (isWriterThread()) {
      return submit(unit, isUrgent); // inside a batch: queue (and the caller's wait will refuse)
    }
    Job<T> job = new Job<>(unit);
    lock.lock();
    try {
      if (closing) {
        job.future.completeExceptionally(new DatabaseException("The database is closed"));
        return job.future;
      }
      if (busy || !urgent.isEmpty() || !normal.isEmpty()) {
        (isUrgent ? urgent : normal).add(job);
        if (!busy) {
          work.signal();
        }
        return job.future;
      }
      busy = true;
    } finally {
      lock.unlock();
    }
    runBatch(List.of(job));
    return job.future;
  }

  boolean isWriterThread() {
    return Thread.currentThread() == runner;
  }

  /**
   * Called on the writer thread, with the write connection, after a unit was rolled back or a batch
   * failed to commit: whoever keeps state that mirrors the database's uncommitted writes drops it.
   */
  void onRollback(Consumer<Connection> listener) {
    rollbackListeners.add(listener);
  }

  /** Batches run so far and the units in them (for the benchmark's diagnostics and tests). */
  BatchStats stats() {
    return stats;
  }

  private void loop() {
    List<Job<?>> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      lock.lock();
      try {
        while (busy || (urgent.isEmpty() && normal.isEmpty())) {
          if (closing && !busy && urgent.isEmpty() && normal.isEmpty()) {
            return;
          }
          work.awaitUninterruptibly();
        }
        busy = true;
        while (batch.size() < MAX_BATCH && !urgent.isEmpty()) {
          batch.add(urgent.poll());
        }
        while (batch.size() < MAX_BATCH && !normal.isEmpty()) {
          batch.add(normal.poll());
        }
      } finally {
        lock.unlock();
      }
      runBatch(batch);
      batch.clear();
    }
  }

  /** Runs one batch; the caller has set {@code busy}, which this clears. */
  private void runBatch(List<Job<?>> batch) {
    runner = Thread.currentThread();
    try {
      commitBatch(batch);
    } finally {
      runner = null;
      lock.lock();
      try {
        busy = false;
        work.signal(); // the writer thread: more may have been queued meanwhile, or we are closing
      } finally {
        lock.unlock();
      }
    }
  }

  private void commitBatch(List<Job<?>> batch) {
    stats.record(batch.size());
    if (reconnect != null) {
      String down = ensureConnection();
      if (down != null) {
        DatabaseException failure =
            new DatabaseException(
                "Nothing was written: the write connection to the database is lost and cannot be"
                    + " opened again ("
                    + down
                    + "); the next write tries again");
        batch.forEach(j -> j.future.completeExceptionally(failure));
        return;
      }
    }
    try {
      runAndCommit(batch);
    } finally {
      idleSince = System.nanoTime();
    }
  }

  /**
   * Checks a connection that was idle or saw a failure, and replaces a dead one. Null when there is
   * a live connection; else why none could be opened: the batch fails, the next one tries again.
   */
  private String ensureConnection() {
    boolean check = suspect || System.nanoTime() - idleSince >= idleCheckNanos;
    if (!check) {
      return null;
    }
    if (isAlive(connection)) {
      suspect = false;
      return null;
    }
    log.warn("The write connection to the database is lost; connecting again");
    closeStatements();
    closeQuietly(connection);
    try {
      Connection fresh = reconnect.open();
      fresh.setAutoCommit(false);
      connection = fresh;
      suspect = false;
      log.info("Connected to the database again; writing resumes");
      rolledBack(); // whatever mirrored the old connection's writes is read again
      return null;
    } catch (SQLException | RuntimeException e) {
      log.warn("Cannot connect to the database again: {}", e.getMessage());
      suspect = true;
      return e.getMessage();
    }
  }

  private static boolean isAlive(Connection c) {
    try {
      return c.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      log.debug("Closing a dead connection: {}", e.toString());
    }
  }

  private void runAndCommit(List<Job<?>> batch) {
    Connection connection = this.connection;
    // A batch of one needs no savepoint: if the unit fails, the whole transaction is its alone.
    boolean alone = batch.size() == 1;
    List<Job<?>> applied = new ArrayList<>(batch.size());
    for (Job<?> job : batch) {
      if (job.run(connection, this, alone)) {
        applied.add(job);
      } else {
        suspect = true; // a unit's failure may be the connection's: check it before the next batch
        rolledBack();
      }
    }
    if (applied.isEmpty()) {
      return;
    }
    try {
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      log.warn("Commit of {} change(s) failed: {}", applied.size(), e.toString());
      suspect = true;
      rollbackQuietly();
      rolledBack();
      DatabaseException failure = new DatabaseException("Database error: " + e.getMessage(), e);
      applied.forEach(j -> j.future.completeExceptionally(failure));
      return;
    }
    for (Job<?> job : applied) {
      job.finish();
    }
  }

  private void rolledBack() {
    for (Consumer<Connection> l : rollbackListeners) {
      try {
        l.accept(connection);
      } catch (RuntimeException e) {
        log.warn("Rollback listener failed: {}", e.toString());
      }
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.warn("Rollback failed: {}", e.toString());
    }
  }

  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    } else {
      ps.clearParameters();
    }
    return ps;
  }

  /** Stops taking work, finishes what is queued, and stops the thread. */
  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
      work.signalAll();
    } finally {
      lock.unlock();
    }
    if (!isWriterThread()) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lock.lock();
    try {
      closeStatements();
    } finally {
      lock.unlock();
    }
  }

  /** Tests: check an idle connection after {@code nanos} instead of a second (0: every batch). */
  void idleCheckAfter(long nanos) {
    idleCheckNanos = nanos;
  }

  /** The write connection now (to close it after {@link #close()}). */
  Connection connection() {
    return connection;
  }

  private void closeStatements() {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        log.debug("Closing a cached statement: {}", e.toString());
      }
    }
    statements.clear();
  }

  /** How many batches ran and how many units they held. */
  static final class BatchStats {
    private long batches;
    private long units;
    private int largest;

    private synchronized void record(int size) {
      batches++;
      units += size;
      largest = Math.max(largest, size);
    }

    synchronized long batches() {
      return batches;
    }

    synchronized long units() {
      return units;
    }

    synchronized int largest() {
      return largest;
    }
  }

  /** One queued unit with its caller's future and its after-commit actions. */
  private static final class Job<T> implements WriteTx {
    final WriteWork<T> unit;
    final CompletableFuture<T> future = new CompletableFuture<>();
    private final List<Runnable> afterCommit = new ArrayList<>(2);
    private Connection current;
    private GroupCommitWriter writer;
    private T result;

    Job(WriteWork<T> unit) {
      this.unit = unit;
    }

    @Override
    public Connection connection() {
      if (current == null) {
        throw new IllegalStateException("The unit of work has ended");
      }
      return current;
    }

    @Override
    public PreparedStatement prepare(String sql) throws SQLException {
      connection(); // valid only while the unit runs
      return writer.prepare(sql);
    }

    @Override
    public void afterCommit(Runnable action) {
      afterCommit.add(action);
    }

    /**
     * Runs the unit in its own savepoint (or, {@code alone} in its batch, in the transaction
     * itself); false (everything it did rolled back, its future failed) if it threw.
     */
    boolean run(Connection c, GroupCommitWriter w, boolean alone) {
      current = c;
      writer = w;
      Savepoint sp = null;
      try {
        if (!alone) {
          sp = Savepoint.set(w);
        }
        result = unit.run(this);
        if (sp != null) {
          sp.release();
        }
        return true;
      } catch (Throwable t) { // an Error too: the writer must survive any unit
        afterCommit.clear();
        try {
          if (sp != null) {
            sp.rollback();
          } else if (alone) {
            c.rollback();
          } // else the savepoint itself failed: nothing of this unit to undo
        } catch (SQLException again) {
          log.warn("Rolling back a failed unit: {}", again.toString());
        }
        future.completeExceptionally(
            t instanceof SQLException
                ? new DatabaseException("Database error: " + t.getMessage(), t)
                : t);
        return false;
      } finally {
        current = null;
      }
    }

    void finish() {
      for (Runnable action : afterCommit) {
        try {
          action.run();
        } catch (RuntimeException e) {
          log.warn("After-commit action failed: {}", e.toString(), e);
        }
      }
      future.complete(result);
    }
  }

  /**
   * A unit's savepoint, through cached statements (JDBC's setSavepoint prepares anew each time).
   */
  private static final class Savepoint {
    private final GroupCommitWriter writer;

    private Savepoint(GroupCommitWriter writer) {
      this.writer = writer;
    }

    static Savepoint set(GroupCommitWriter w) throws SQLException {
      w.prepare("SAVEPOINT unit").execute();
      return new Savepoint(w);
    }

    void release() throws SQLException {
      writer.prepare("RELEASE SAVEPOINT unit").execute();
    }

    void rollback() throws SQLException {
      writer.prepare("ROLLBACK TO SAVEPOINT unit").execute();
      writer.prepare("RELEASE SAVEPOINT unit").execute();
    }
  }
}
