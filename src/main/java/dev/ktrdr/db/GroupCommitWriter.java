package dev.ktrdr.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes. Callers queue units of work; the thread takes everything queued
 * (urgent units first, at most {@link #MAX_BATCH}), runs each in a savepoint of one transaction,
 * commits once, runs the after-commit actions in order, and only then completes each caller's
 * future. So every acknowledged change is committed, concurrent writers share one commit, and the
 * order of commits is the order of after-commit actions (events are published there).
 *
 * <p>Why one writer: SQLite admits one writer at a time anyway; owning the connection on one thread
 * turns lock waits into a queue whose units batch into one commit, and makes every read-check-write
 * inside a unit atomic without any lock in the callers.
 */
final class GroupCommitWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

  /** Caps one batch so that an urgent unit queued behind it waits for at most this many. */
  static final int MAX_BATCH = 256;

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final ArrayDeque<Job<?>> urgent = new ArrayDeque<>();
  private final ArrayDeque<Job<?>> normal = new ArrayDeque<>();
  private final Thread thread;
  private boolean closing;

  GroupCommitWriter(Connection connection, String name) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  <T> CompletableFuture<T> submit(WriteWork<T> unit, boolean isUrgent) {
    Job<T> job = new Job<>(unit);
    lock.lock();
    try {
      if (closing) {
        job.future.completeExceptionally(new DatabaseException("The database is closed"));
        return job.future;
      }
      (isUrgent ? urgent : normal).add(job);
      work.signal();
    } finally {
      lock.unlock();
    }
    return job.future;
  }

  boolean isWriterThread() {
    return Thread.currentThread() == thread;
  }

  private void loop() {
    List<Job<?>> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      lock.lock();
      try {
        while (urgent.isEmpty() && normal.isEmpty()) {
          if (closing) {
            return;
          }
          work.awaitUninterruptibly();
        }
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

  private void runBatch(List<Job<?>> batch) {
    List<Job<?>> applied = new ArrayList<>(batch.size());
    for (Job<?> job : batch) {
      if (job.runInSavepoint(connection)) {
        applied.add(job);
      }
    }
    try {
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      log.warn("Commit of {} change(s) failed: {}", applied.size(), e.toString());
      rollbackQuietly();
      DatabaseException failure = new DatabaseException("Database error: " + e.getMessage(), e);
      applied.forEach(j -> j.future.completeExceptionally(failure));
      return;
    }
    for (Job<?> job : applied) {
      job.finish();
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.warn("Rollback failed: {}", e.toString());
    }
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
  }

  /** One queued unit with its caller's future and its after-commit actions. */
  private static final class Job<T> implements WriteTx {
    final WriteWork<T> unit;
    final CompletableFuture<T> future = new CompletableFuture<>();
    private final List<Runnable> afterCommit = new ArrayList<>(2);
    private Connection current;
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
    public void afterCommit(Runnable action) {
      afterCommit.add(action);
    }

    /** Runs the unit in its own savepoint; false (and the future failed) if it threw. */
    boolean runInSavepoint(Connection c) {
      Savepoint sp = null;
      current = c;
      try {
        sp = c.setSavepoint();
        result = unit.run(this);
        c.releaseSavepoint(sp);
        return true;
      } catch (Throwable t) { // an Error too: the writer thread must survive any unit
        afterCommit.clear();
        try {
          if (sp != null) {
            c.rollback(sp);
            c.releaseSavepoint(sp);
          }
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
}
