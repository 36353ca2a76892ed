package dev.ktrdr.desktop.lanes;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.workers.WorkerSnapshot;
import dev.ktrdr.workers.WorkerType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * Worker lanes: each worker a lane, each training or backtest child a bar on the lane of the worker
 * that ran it, and how many researches waited for a worker of each type, over a recent window. Bars
 * come from the event stream; which worker ran a child comes from the worker registry, read when a
 * child starts (a child too short to be seen there is placed on a lane that was free then, which
 * shows utilisation just as truly). Plain Java, no scene graph.
 */
public final class LanesModel {
  /** The window of time the view shows by default. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(2);

  private static final Duration KEEP = Duration.ofMinutes(30);

  /** One worker. */
  public record Lane(String workerId, WorkerType type) {}

  /** One child's run on a worker; {@code end} is null while it runs. */
  public record Bar(
      String childId,
      String researchId,
      WorkerType type,
      Instant start,
      Instant end,
      OperationStatus status) {}

  /** How many researches waited for a free worker of each type at one moment. */
  public record QueuePoint(Instant at, int training, int backtesting) {}

  /** What the view draws: lanes in order, the bars on each, and the queue over time. */
  public record Layout(List<Lane> lanes, Map<Lane, List<Bar>> bars, List<QueuePoint> queue) {}

  private final List<Lane> lanes = new ArrayList<>();
  private final Map<String, Bar> bars = new LinkedHashMap<>();
  private final Map<String, String> workerOf = new HashMap<>();
  private final Deque<QueuePoint> queue = new ArrayDeque<>();
  private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper();
  private boolean wantsWorkers;

  /** The registry as it is now: the lanes, and which child each busy worker runs. */
  public void setWorkers(List<WorkerSnapshot> workers) {
    lanes.clear();
    for (WorkerSnapshot w : workers) {
      lanes.add(new Lane(w.workerId(), w.workerType()));
      if (w.busy() && w.currentOperationId() != null) {
        workerOf.put(w.currentOperationId(), w.workerId());
      }
    }
    lanes.sort(Comparator.comparing((Lane l) -> l.type().ordinal()));
    wantsWorkers = false;
    changed();
  }

  /** Takes a batch of events; true when a child started, so the registry is worth reading. */
  public boolean apply(List<OperationEvent> batch) {
    boolean started = false;
    for (OperationEvent e : batch) {
      if (e.operation() != null && typeOf(e.operationType()) != null) {
        started |= e.to() == OperationStatus.RUNNING;
        take(e.operation());
      }
    }
    if (started) {
      wantsWorkers = true;
    }
    if (!batch.isEmpty()) {
      changed();
    }
    return wantsWorkers;
  }

  /** Takes children read from the database (on start, the current children of active ones). */
  public void load(Collection<Operation> children) {
    for (Operation c : children) {
      if (typeOf(c.operationType()) != null) {
        take(c);
      }
    }
    wantsWorkers = true;
    changed();
  }

  private void take(Operation c) {
    if (c.startedAt() == null) {
      return; // queued: it has no worker yet
    }
    bars.put(
        c.operationId(),
        new Bar(
            c.operationId(),
            c.parentOperationId(),
            typeOf(c.operationType()),
            c.startedAt(),
            c.completedAt(),
            c.status()));
  }

  /** Records the queue once a second and forgets bars older than the kept history. */
  public void sample(Instant now, int waitingTraining, int waitingBacktest) {
    queue.addLast(new QueuePoint(now, waitingTraining, waitingBacktest));
    Instant horizon = now.minus(KEEP);
    while (!queue.isEmpty() && queue.peekFirst().at().isBefore(horizon)) {
      queue.removeFirst();
    }
    bars.values().removeIf(b -> b.end() != null && b.end().isBefore(horizon));
    workerOf.keySet().retainAll(bars.keySet());
    changed();
  }

  /** True when a child started since the registry was last read. */
  public boolean wantsWorkers() {
    return wantsWorkers;
  }

  /**
   * Bars by lane. A bar whose worker is known goes on that worker's lane; the others go, oldest
   * first, on a lane of their type that was free when they started (else the one free soonest).
   */
  public Layout layout(Instant now) {
    Map<Lane, List<Bar>> out = new LinkedHashMap<>();
    Map<String, Lane> byId = new HashMap<>();
    for (Lane l : lanes) {
      out.put(l, new ArrayList<>());
      byId.put(l.workerId(), l);
    }
    List<Bar> unplaced = new ArrayList<>();
    for (Bar b : bars.values()) {
      Lane l = byId.get(workerOf.get(b.childId()));
      if (l != null) {
        out.get(l).add(b);
      } else {
        unplaced.add(b);
      }
    }
    unplaced.sort(Comparator.comparing(Bar::start));
    // When each lane is free again; kept as bars are placed, so placing is lanes × bars, not more.
    Map<Lane, Instant> freeFrom = new HashMap<>();
    for (Lane l : lanes) {
      Instant free = Instant.EPOCH;
      for (Bar b : out.get(l)) {
        free = later(free, b.end() == null ? now : b.end());
      }
      freeFrom.put(l, free);
    }
    for (Bar b : unplaced) {
      Lane best = null;
      for (Lane l : lanes) {
        if (l.type() != b.type()) {
          continue;
        }
        if (!freeFrom.get(l).isAfter(b.start())) {
          best = l;
          break;
        }
        if (best == null || freeFrom.get(l).isBefore(freeFrom.get(best))) {
          best = l;
        }
      }
      if (best != null) {
        out.get(best).add(b);
        freeFrom.put(best, later(freeFrom.get(best), b.end() == null ? now : b.end()));
      }
    }
    return new Layout(List.copyOf(lanes), out, List.copyOf(queue));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static WorkerType typeOf(OperationType t) {
    if (t == OperationType.TRAINING) {
      return WorkerType.TRAINING;
    }
    return t == OperationType.BACKTESTING ? WorkerType.BACKTESTING : null;
  }

  private void changed() {
    version.set(version.get() + 1);
  }

  /** Moves on every change: the view redraws at most once a frame. */
  public ReadOnlyLongProperty versionProperty() {
    return version.getReadOnlyProperty();
  }
}
