package dev.ktrdr.workers.remote;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.workers.WorkerType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One registered worker process: its mailbox (operations to hand out, cancels to deliver), the
 * operations it holds with their end-of-work callbacks, the poll waiting for news, and when it was
 * last heard from. Thread-safe; nothing here blocks or writes to the store.
 */
final class RemoteSession {
  final String id;
  private final WorkerType type;
  private final int capacity;
  private final String host;
  private volatile Instant lastSeen;
  private final Deque<Operation> outbox = new ArrayDeque<>();
  private final Set<String> cancels = new LinkedHashSet<>();
  private final Map<String, Runnable> held = new LinkedHashMap<>();
  private CompletableFuture<Drained> waiting;
  private boolean gone;

  /** What a poll takes from the mailbox: operations to check and hand out, and cancels. */
  record Drained(List<Operation> offered, List<String> cancels) {
    boolean isEmpty() {
      return offered.isEmpty() && cancels.isEmpty();
    }
  }

  RemoteSession(String id, WorkerType type, int capacity, String host, Instant now) {
    this.id = id;
    this.type = type;
    this.capacity = capacity;
    this.host = host;
    this.lastSeen = now;
  }

  WorkerType type() {
    return type;
  }

  int capacity() {
    return capacity;
  }

  String host() {
    return host;
  }

  Instant lastSeen() {
    return lastSeen;
  }

  void seen(Instant now) {
    lastSeen = now;
  }

  /** Queues {@code op} for the next poll; false (nothing kept) once the worker is gone. */
  boolean offer(Operation op, Runnable onEnd) {
    CompletableFuture<Drained> wake;
    synchronized (this) {
      if (gone) {
        return false;
      }
      held.put(op.operationId(), onEnd);
      outbox.add(op);
      wake = takeWaiting();
    }
    complete(wake);
    return true;
  }

  /** Adds a job the worker kept running while the backend restarted. */
  synchronized void hold(String operationId, Runnable onEnd) {
    held.put(operationId, onEnd);
  }

  /**
   * Stops {@code operationId}: never handed out if it still waits in the outbox, else delivered to
   * the worker's waiting poll at once. The caller releases the slot.
   */
  void cancel(String operationId) {
    CompletableFuture<Drained> wake = null;
    synchronized (this) {
      boolean queued = outbox.removeIf(o -> o.operationId().equals(operationId));
      if (held.remove(operationId) != null && !queued) {
        cancels.add(operationId);
        wake = takeWaiting();
      }
    }
    complete(wake);
  }

  /** The end-of-work callback of {@code operationId}, removed; null if this worker holds none. */
  synchronized Runnable release(String operationId) {
    return held.remove(operationId);
  }

  synchronized boolean holds(String operationId) {
    return held.containsKey(operationId);
  }

  /**
   * Operations this worker holds that were handed out (none waits in the outbox) but that it does
   * not list in {@code running}: the reply that carried them was lost.
   */
  synchronized List<String> lostIn(Collection<String> running) {
    Set<String> notYetOut = new HashSet<>();
    outbox.forEach(op -> notYetOut.add(op.operationId()));
    List<String> lost = new ArrayList<>();
    for (String opId : held.keySet()) {
      if (!notYetOut.contains(opId) && !running.contains(opId)) {
        lost.add(opId);
      }
    }
    return lost;
  }

  /**
   * The mailbox's contents now, or a future completed as soon as something arrives. A poll that was
   * still waiting is answered empty: one worker has one poll.
   */
  CompletableFuture<Drained> poll() {
    CompletableFuture<Drained> previous;
    CompletableFuture<Drained> next;
    synchronized (this) {
      previous = takeWaiting();
      Drained now = drain();
      if (!now.isEmpty() || gone) {
        next = CompletableFuture.completedFuture(now);
      } else {
        next = new CompletableFuture<>();
        waiting = next;
      }
    }
    if (previous != null) {
      previous.complete(new Drained(List.of(), List.of()));
    }
    return next;
  }

  /** Answers a waiting poll empty (its wait is over). */
  void expire(CompletableFuture<Drained> poll) {
    synchronized (this) {
      if (waiting == poll) {
        waiting = null;
      }
    }
    poll.complete(new Drained(List.of(), List.of()));
  }

  /** Answers a waiting poll empty now (the API is stopping). */
  void answerWaiting() {
    CompletableFuture<Drained> wake;
    synchronized (this) {
      wake = takeWaiting();
    }
    if (wake != null) {
      wake.complete(new Drained(List.of(), List.of()));
    }
  }

  /** Marks the worker gone and returns what it held (operation id → end callback). */
  Map<String, Runnable> close() {
    CompletableFuture<Drained> wake;
    Map<String, Runnable> out;
    synchronized (this) {
      gone = true;
      out = new LinkedHashMap<>(held);
      held.clear();
      outbox.clear();
      cancels.clear();
      wake = takeWaiting();
    }
    if (wake != null) {
      wake.complete(new Drained(List.of(), List.of()));
    }
    return out;
  }

  synchronized List<String> heldIds() {
    return new ArrayList<>(held.keySet());
  }

  private Drained drain() {
    Drained d = new Drained(new ArrayList<>(outbox), new ArrayList<>(cancels));
    outbox.clear();
    cancels.clear();
    return d;
  }

  private CompletableFuture<Drained> takeWaiting() {
    CompletableFuture<Drained> w = waiting;
    waiting = null;
    if (w != null) {
      return w;
    }
    return null;
  }

  private void complete(CompletableFuture<Drained> wake) {
    if (wake == null) {
      return;
    }
    Drained d;
    synchronized (this) {
      d = drain();
    }
    wake.complete(d);
  }
}
