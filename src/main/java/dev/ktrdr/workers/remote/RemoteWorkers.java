package dev.ktrdr.workers.remote;

import dev.ktrdr.operations.EventRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.ResearchParameters;
import dev.ktrdr.operations.Transition;
import dev.ktrdr.workers.WorkerRegistry;
import dev.ktrdr.workers.WorkerType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's side of remote workers ({@code ktrdr worker} on other machines), over the engine's
 * {@link WorkerRegistry}: a registered worker process becomes one {@link RemoteSlot} per unit of
 * capacity, so it counts toward capacity and status like a local worker while it is alive.
 *
 * <p>Liveness is a lease: every request of the worker (its polls above all, which it repeats at
 * once, each waiting at most a third of the lease) renews it; a worker not heard from for a whole
 * lease is lost: its operations fail with "worker lost: …", its slots disappear. After a backend
 * restart a worker's running operations are given one lease to be reclaimed (the worker registers
 * again and reports them) before they fail the same way; the engine leaves them alone meanwhile
 * ({@link WorkerRegistry#awaitsReclaim}).
 *
 * <p>An operation is handed out only while it and its research are active (it is marked running
 * then, and the hand-out is logged on it: that line is how the next start knows a remote worker
 * held it); a result is taken only while both are still active, so a late result of a cancelled or
 * ended phase never lands. Thread-safe.
 */
public final class RemoteWorkers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RemoteWorkers.class);

  /** Logged on an operation when a remote worker takes it; read back after a restart. */
  public static final String HANDED_OUT = "Handed to remote worker ";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int HISTORY_LINES = 50;

  private final WorkerRegistry registry;
  private final OperationsService ops;
  private final Duration lease;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final Map<String, RemoteSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, Reclaim> awaiting = new ConcurrentHashMap<>();
  private final AtomicInteger names = new AtomicInteger();

  /** An operation a remote worker ran when the backend stopped, waiting for that worker. */
  private record Reclaim(String workerId, Instant deadline) {}

  public RemoteWorkers(
      WorkerRegistry registry, OperationsService ops, Duration lease, Clock clock) {
    this.registry = registry;
    this.ops = ops;
    this.lease = lease;
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ktrdr-remote-workers");
              t.setDaemon(true);
              return t;
            });
    registry.reclaimable(awaiting::containsKey);
  }

  /**
   * Finds the operations remote workers ran when the backend last stopped (they get one lease to be
   * reclaimed) and starts the lease sweep. Call before the engine resumes its researches.
   */
  public RemoteWorkers start() {
    // Provisional: the window really opens when the API listens (openToWorkers); this bound only
    // matters if it never does.
    Instant deadline = clock.instant().plus(lease.multipliedBy(4));
    for (WorkerType type : WorkerType.values()) {
      for (Operation op : ops.active(type.operationType())) {
        handedTo(op.operationId())
            .ifPresent(
                w -> {
                  awaiting.put(op.operationId(), new Reclaim(w, deadline));
                  log.info(
                      "{} was running on remote worker {}: waiting up to {} s for it to reconnect",
                      op.operationId(),
                      w,
                      lease.toSeconds());
                });
      }
    }
    long every = Math.max(50, lease.toMillis() / 10);
    timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * The API now listens, so workers can reach this backend: the operations waiting to be reclaimed
   * get their one lease from now (a slow start must not eat a worker's chance to reconnect).
   */
  public void openToWorkers() {
    Instant deadline = clock.instant().plus(lease);
    awaiting.replaceAll((op, r) -> new Reclaim(r.workerId(), deadline));
  }

  /**
   * Answers every waiting poll now, empty: the API is about to stop, and a poll answered after it
   * stopped would have no request left to answer. The workers poll again (and find the backend
   * gone, or back).
   */
  public void answerPolls() {
    sessions.values().forEach(RemoteSession::answerWaiting);
  }

  public Duration lease() {
    return lease;
  }

  /** How long a poll waits for news before answering empty: well inside the lease. */
  public Duration pollWait() {
    return lease.dividedBy(3);
  }

  /**
   * Registers a worker process of {@code type} with {@code capacity} slots. {@code requestedId}
   * (null: one is made up) is kept when free, so that a worker keeps its name across a backend
   * restart. Of the operations it reports running, those still active and waiting for it (or held
   * by no one) are reclaimed; the others it must stop.
   *
   * @throws IllegalArgumentException on a bad id or capacity, or an id another live worker uses
   */
  public Registration register(
      String requestedId, WorkerType type, int capacity, Collection<String> running, String host) {
    if (capacity < 1 || capacity > 64) {
      throw new IllegalArgumentException("capacity must be a whole number from 1 to 64");
    }
    if (requestedId != null && !ID.matcher(requestedId).matches()) {
      throw new IllegalArgumentException(
          "worker_id must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit");
    }
    String id =
        requestedId != null ? requestedId : "remote-" + type.wire() + "-" + names.incrementAndGet();
    RemoteSession session = new RemoteSession(id, type, capacity, host, clock.instant());
    if (sessions.putIfAbsent(id, session) != null) {
      throw new IllegalArgumentException(
          "worker_id " + id + " is already registered by a live worker");
    }
    List<RemoteSlot> slots = new ArrayList<>();
    for (int i = 1; i <= capacity; i++) {
      slots.add(
          new RemoteSlot(
              id + ":" + i,
              session,
              (op, onEnd) -> {
                ops.fail(op.operationId(), "worker lost: " + id + " (gone as the job was sent)");
                onEnd.run();
              }));
    }
    List<String> reclaimed = new ArrayList<>();
    List<String> stop = new ArrayList<>();
    int next = 0;
    for (String opId : running == null ? List.<String>of() : List.copyOf(running)) {
      if (next < slots.size() && reclaim(session, slots.get(next), opId, type)) {
        reclaimed.add(opId);
        next++;
      } else {
        stop.add(opId);
      }
    }
    for (int i = next; i < slots.size(); i++) {
      registry.register(slots.get(i));
    }
    log.info(
        "Remote worker {} registered from {}: {} x{}{}",
        id,
        host,
        type.wire(),
        capacity,
        reclaimed.isEmpty() ? "" : ", reclaimed " + reclaimed);
    return new Registration(
        id, slots.stream().map(RemoteSlot::id).toList(), lease, pollWait(), reclaimed, stop);
  }

  private boolean reclaim(RemoteSession session, RemoteSlot slot, String opId, WorkerType type) {
    Optional<Operation> op = ops.get(opId);
    boolean ok =
        op.isPresent()
            && op.get().isActive()
            && op.get().operationType() == type.operationType()
            && researchActive(op.get())
            && (awaiting.containsKey(opId) || !registry.isRunning(opId));
    if (!ok) {
      return false;
    }
    registry.registerBusy(slot, opId);
    session.hold(opId, () -> registry.release(opId));
    awaiting.remove(opId);
    ops.log(opId, HANDED_OUT + session.id + " (reclaimed after it reconnected)");
    log.info("{} reclaimed by remote worker {}", opId, session.id);
    return true;
  }

  /**
   * The worker's next assignment: at once if its mailbox has something, else once something arrives
   * or {@link #pollWait()} passes (then empty). Renews the worker's lease.
   *
   * @throws UnknownWorkerException when the worker is not registered (it registers again)
   */
  public CompletableFuture<Assignment> poll(String workerId, Collection<String> running) {
    RemoteSession s = live(workerId);
    if (running != null) {
      List<RemoteJob> again = lostReplies(s, running);
      if (!again.isEmpty()) {
        return CompletableFuture.completedFuture(new Assignment(again, List.of()));
      }
    }
    CompletableFuture<RemoteSession.Drained> drained = s.poll();
    if (!drained.isDone()) {
      timer.schedule(() -> s.expire(drained), pollWait().toMillis(), TimeUnit.MILLISECONDS);
    }
    return drained.thenApply(d -> handOut(s, d));
  }

  /**
   * Jobs handed to {@code s} that it does not run: the reply that carried them never reached it (a
   * poll the worker gave up on as it was answered). Sent again while they and their research are
   * active; without this such a job would stay running on nobody until the research was cancelled.
   */
  private List<RemoteJob> lostReplies(RemoteSession s, Collection<String> running) {
    List<RemoteJob> again = new ArrayList<>();
    for (String opId : s.lostIn(running)) {
      Operation op = ops.get(opId).orElse(null);
      if (op != null && op.status() == OperationStatus.RUNNING && researchActive(op)) {
        log.warn(
            "Sending {} to remote worker {} again: the reply that carried it was lost", opId, s.id);
        again.add(job(op));
      }
    }
    return again;
  }

  /** Checks each offered operation again and hands out those still wanted. */
  private Assignment handOut(RemoteSession s, RemoteSession.Drained d) {
    List<RemoteJob> jobs = new ArrayList<>();
    List<String> cancels = new ArrayList<>(d.cancels());
    for (Operation op : d.offered()) {
      String opId = op.operationId();
      String refusal = null;
      if (!s.holds(opId)) {
        refusal = "cancelled before it was handed out";
      } else if (!researchActive(op)) {
        refusal = "its research " + op.parentOperationId() + " has ended";
      } else if (!ops.start(opId).applied()) {
        refusal = "it is no longer pending";
      }
      if (refusal != null) {
        log.info("Not handing {} to remote worker {}: {}", opId, s.id, refusal);
        Runnable onEnd = s.release(opId);
        if (onEnd != null) {
          onEnd.run();
        }
        continue;
      }
      ops.log(opId, HANDED_OUT + s.id);
      jobs.add(job(op));
    }
    return new Assignment(jobs, cancels);
  }

  private RemoteJob job(Operation op) {
    WorkerType type =
        op.operationType() == WorkerType.TRAINING.operationType()
            ? WorkerType.TRAINING
            : WorkerType.BACKTESTING;
    Map<String, Object> training = null;
    if (type == WorkerType.BACKTESTING) {
      String trainingId = op.param(ResearchParameters.TRAINING_OP_ID);
      training =
          trainingId == null
              ? null
              : ops.get(trainingId).map(Operation::resultSummary).orElse(null);
    }
    return new RemoteJob(op.operationId(), op.parentOperationId(), type, op.parameters(), training);
  }

  /**
   * Progress of a job the worker holds. False when it holds it no longer (cancelled, lost, ended):
   * the worker should stop it.
   *
   * @throws UnknownWorkerException when the worker is not registered
   */
  public boolean progress(String workerId, String operationId, double percent, String step) {
    RemoteSession s = live(workerId);
    return s.holds(operationId) && ops.updateProgress(operationId, percent, step);
  }

  /**
   * The end of a job: its result ({@code error} null) or its failure. Taken only while the worker
   * holds the operation and it and its research are active; the worker's slot is free afterwards
   * either way.
   *
   * @throws UnknownWorkerException when the worker is not registered
   */
  public Outcome finish(
      String workerId, String operationId, Map<String, Object> result, String error) {
    RemoteSession s = live(workerId);
    Runnable onEnd = s.release(operationId);
    if (onEnd == null) {
      return Outcome.refused(
          "Result refused: worker "
              + workerId
              + " does not hold "
              + operationId
              + " (cancelled, or handed to another worker)");
    }
    try {
      return ops.inTransaction(
          w -> {
            Optional<Operation> op = w.find(operationId);
            if (op.isEmpty() || !op.get().isActive()) {
              return Outcome.refused(
                  "Result refused: "
                      + operationId
                      + " is "
                      + op.map(o -> o.status().wire()).orElse("unknown"));
            }
            Optional<Operation> research =
                op.get().parentOperationId() == null
                    ? Optional.empty()
                    : w.find(op.get().parentOperationId());
            if (research.isPresent() && !research.get().isActive()) {
              return Outcome.refused(
                  "Result refused: research "
                      + research.get().operationId()
                      + " is "
                      + research.get().status().wire());
            }
            Transition t =
                error == null
                    ? w.transition(
                        operationId, OperationStatus.COMPLETED, null, result, "completed")
                    : w.transition(
                        operationId, OperationStatus.FAILED, error, null, "failed: " + error);
            return t.applied()
                ? Outcome.accepted(error == null ? "Result recorded" : "Failure recorded")
                : Outcome.refused("Result refused: " + operationId + " has ended");
          },
          false);
    } finally {
      onEnd.run();
    }
  }

  /** The registered worker processes with when each was last heard from. */
  public List<RemoteWorkerInfo> list() {
    return sessions.values().stream()
        .map(
            s ->
                new RemoteWorkerInfo(
                    s.id, s.type(), s.capacity(), s.host(), s.lastSeen(), s.heldIds()))
        .sorted(java.util.Comparator.comparing(RemoteWorkerInfo::workerId))
        .toList();
  }

  /** Runs the lease check now (the timer runs it every tenth of a lease). */
  public void sweep() {
    try {
      Instant now = clock.instant();
      for (RemoteSession s : sessions.values()) {
        if (s.lastSeen().plus(lease).isBefore(now)) {
          lose(
              s,
              "worker lost: "
                  + s.id
                  + " (not heard from for "
                  + Duration.between(s.lastSeen(), now).toSeconds()
                  + " s; lease "
                  + lease.toSeconds()
                  + " s)");
        }
      }
      for (Map.Entry<String, Reclaim> e : awaiting.entrySet()) {
        if (e.getValue().deadline().isBefore(now) && awaiting.remove(e.getKey(), e.getValue())) {
          String why =
              "worker lost: "
                  + e.getValue().workerId()
                  + " (did not reconnect within "
                  + lease.toSeconds()
                  + " s of the backend's restart)";
          if (ops.fail(e.getKey(), why).applied()) {
            log.warn("{} failed: {}", e.getKey(), why);
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("Remote worker lease check failed: {}", e.toString(), e);
    }
  }

  private void lose(RemoteSession s, String why) {
    if (!sessions.remove(s.id, s)) {
      return;
    }
    Map<String, Runnable> held = s.close();
    for (int i = 1; i <= s.capacity(); i++) {
      registry.unregister(s.id + ":" + i);
    }
    log.warn("Remote worker {} lost: {}; failing {}", s.id, why, held.keySet());
    for (Map.Entry<String, Runnable> e : held.entrySet()) {
      ops.fail(e.getKey(), why);
      e.getValue().run();
    }
  }

  private RemoteSession live(String workerId) {
    RemoteSession s = workerId == null ? null : sessions.get(workerId);
    if (s == null) {
      throw new UnknownWorkerException(workerId);
    }
    s.seen(clock.instant());
    return s;
  }

  private boolean researchActive(Operation op) {
    String parent = op.parentOperationId();
    return parent == null || ops.get(parent).map(Operation::isActive).orElse(false);
  }

  private Optional<String> handedTo(String operationId) {
    List<EventRecord> history = ops.history(operationId, HISTORY_LINES);
    for (int i = history.size() - 1; i >= 0; i--) {
      String m = history.get(i).message();
      if (m != null && m.startsWith(HANDED_OUT)) {
        String rest = m.substring(HANDED_OUT.length());
        int space = rest.indexOf(' ');
        return Optional.of(space < 0 ? rest : rest.substring(0, space));
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
