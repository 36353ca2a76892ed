package dev.ktrdr.desktop.detail;

import dev.ktrdr.agent.ResearchParams;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One research's pipeline on a time axis, worked out from what the operations record: each child is
 * a bar in its phase's lane from its start to its end (or now); the time between one phase's end
 * and the next one's start is a wait — for a free worker, or for the coordinator's next cycle —
 * drawn in the lane of the phase it waited for. Plain Java: the view only draws the segments.
 */
public record Timeline(Instant from, Instant to, List<Segment> segments) {
  /** The lanes, top to bottom. */
  public static final List<Phase> LANES =
      List.of(Phase.DESIGNING, Phase.TRAINING, Phase.BACKTESTING, Phase.ASSESSING);

  /** A stretch of time in one lane: work of a child, or waiting for it to start. */
  public record Segment(
      Phase lane, boolean waiting, Instant start, Instant end, OperationStatus status, String id) {
    public Duration length() {
      return Duration.between(start, end);
    }
  }

  /** Waits shorter than this are not drawn (a step of the loop, not a queue). */
  static final Duration MIN_WAIT = Duration.ofMillis(200);

  public static Timeline of(Operation research, List<Operation> children, Instant now) {
    Instant start = research.startedAt() != null ? research.startedAt() : research.createdAt();
    Instant end = research.completedAt() != null ? research.completedAt() : now;
    List<Operation> phases = new ArrayList<>();
    for (Operation c : children) {
      if (laneOf(c.operationType()) != null) {
        phases.add(c);
      }
    }
    phases.sort(Comparator.comparing(Operation::createdAt));
    List<Segment> out = new ArrayList<>();
    Instant previousEnd = start;
    for (Operation c : phases) {
      Phase lane = laneOf(c.operationType());
      Instant began = c.startedAt();
      Instant waitEnd = began != null ? began : c.isActive() ? end : c.completedAt();
      wait(out, lane, previousEnd, waitEnd, c.operationId());
      if (began != null) {
        Instant stop = c.completedAt() != null ? c.completedAt() : c.isActive() ? end : began;
        out.add(new Segment(lane, false, began, min(stop, end), c.status(), c.operationId()));
        previousEnd = stop;
      } else if (c.completedAt() != null) {
        previousEnd = c.completedAt(); // ended before it ever started (cancelled in the queue)
      }
    }
    if (research.isActive() && !phases.isEmpty()) {
      Operation last = phases.get(phases.size() - 1);
      if (!last.isActive()) {
        // Its phase is done but the next has not begun: waiting for a worker (or the loop).
        Phase next = nextLane(ResearchParams.phase(research), laneOf(last.operationType()));
        if (next != null) {
          wait(out, next, previousEnd, end, null);
        }
      }
    }
    return new Timeline(start, end.isAfter(start) ? end : start.plusSeconds(1), out);
  }

  private static void wait(List<Segment> out, Phase lane, Instant from, Instant to, String id) {
    if (from != null && to != null && Duration.between(from, to).compareTo(MIN_WAIT) >= 0) {
      out.add(new Segment(lane, true, from, to, null, id));
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  static Phase laneOf(OperationType t) {
    switch (t) {
      case AGENT_DESIGN:
        return Phase.DESIGNING;
      case TRAINING:
        return Phase.TRAINING;
      case BACKTESTING:
        return Phase.BACKTESTING;
      case AGENT_ASSESSMENT:
        return Phase.ASSESSING;
      default:
        return null;
    }
  }

  private static Phase nextLane(Phase current, Phase lastLane) {
    Phase base = lastLane == null ? current : lastLane;
    int i = LANES.indexOf(base);
    return i >= 0 && i + 1 < LANES.size() ? LANES.get(i + 1) : null;
  }

  /** Total time spent waiting (for workers or the loop). */
  public Duration waited() {
    return segments.stream()
        .filter(Segment::waiting)
        .map(Segment::length)
        .reduce(Duration.ZERO, Duration::plus);
  }
}
