package dev.ktrdr.operations;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where operations live. Reads never wait for writes. Writes are units of work ({@link
 * OperationWrites}) run one at a time by one writer and committed in groups; a unit's future
 * completes after its commit. Every write that could race is conditional on the operation's status,
 * so a terminal operation is never changed (the same guard holds for a store shared by processes).
 * Implementations must be safe to call from any thread. SQLite today; PostgreSQL next.
 */
public interface OperationStore extends AutoCloseable {

  Optional<Operation> find(String operationId);

  /** The operations with these ids that exist, in no particular order. One round trip. */
  List<Operation> findAll(Collection<String> operationIds);

  /** Newest first, with the total matching count and the active count. */
  OperationPage list(OperationQuery query);

  /** Direct children of an operation, oldest first. */
  List<Operation> children(String parentOperationId);

  /** Active (pending/running) operations of a type, oldest first, in one query. */
  List<Operation> active(OperationType type);

  int countActive(OperationType type);

  /**
   * Operations whose version is above {@code afterVersion}, in version order, at most {@code
   * limit}: what changed since a client last heard (the event stream's resume). Versions are global
   * and grow with each committed change, so paging on the last version read misses nothing.
   */
  List<Operation> changedSince(long afterVersion, int limit);

  /** Log lines of one operation (or of all, with null), oldest first, at most {@code limit}. */
  List<EventRecord> history(String operationId, int limit);

  /** Creations and status changes logged after {@code afterEventId}, oldest first. */
  List<StatusChange> statusChangesSince(long afterEventId, int limit);

  /** The position of the newest line of the log (0 when empty). */
  long lastEventId();

  /**
   * Queues a unit of work. The returned future completes after its commit; by then {@code
   * published} has been given the unit's events, on the writer thread, in commit order. Urgent
   * units (a trigger, a cancel) are taken before routine ones (progress).
   */
  <T> CompletableFuture<T> write(
      Function<OperationWrites, T> unit,
      boolean urgent,
      Clock clock,
      Consumer<List<OperationEvent>> published);

  /**
   * {@link #write} and wait for the commit; the unit may run on the calling thread when the writer
   * is idle. Must not be called from a listener (the writer thread).
   */
  <T> T writeAndWait(
      Function<OperationWrites, T> unit,
      boolean urgent,
      Clock clock,
      Consumer<List<OperationEvent>> published);

  /** Waits for a write's commit and returns its result, rethrowing its failure. */
  <T> T await(CompletableFuture<T> write);

  @Override
  void close();
}
