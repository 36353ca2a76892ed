package dev.ktrdr.desktop.bench;

import dev.ktrdr.desktop.EventCoalescer;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;

/**
 * Fires operation events at a console's coalescer at a fixed rate from a producer thread while a
 * probe measures how long the FX thread takes to run a task posted every 5 ms (a stall shows up as
 * a long wait). Shared by the stall test and the benchmark main.
 */
public final class EventStorm {
  /** What one run measured. */
  public record Result(
      long events,
      long dispatches,
      double seconds,
      long probes,
      double p50Millis,
      double p95Millis,
      double maxMillis) {
    @Override
    public String toString() {
      return String.format(
          "%d events in %.1f s (%.0f/s), %d UI dispatches (%.1f events each); "
              + "FX latency over %d probes: p50 %.1f ms, p95 %.1f ms, max %.1f ms",
          events,
          seconds,
          events / seconds,
          dispatches,
          dispatches == 0 ? 0.0 : (double) events / dispatches,
          probes,
          p50Millis,
          p95Millis,
          maxMillis);
    }
  }

  private EventStorm() {}

  /** A running research snapshot, as the engine would publish it. */
  public static Operation research(int n, double progress, Instant created) {
    String id = String.format("op_agent_research_20260101_000000_%08x", n);
    String[] phases = {"designing", "training", "backtesting", "assessing"};
    String phase = phases[(int) (progress / 25) % 4];
    return new Operation(
        id,
        null,
        OperationType.AGENT_RESEARCH,
        OperationStatus.RUNNING,
        created,
        created,
        null,
        progress,
        "step at " + Math.round(progress),
        Map.of("phase", phase, "strategy_name", "storm_" + n, "model", "claude-haiku-4-5-20251001"),
        null,
        null);
  }

  /**
   * Sends {@code rate} events a second for {@code seconds} across {@code rows} researches (a mix of
   * progress, parameter and log events), returning the measurements.
   */
  public static Result run(EventCoalescer target, int rate, double seconds, int rows)
      throws InterruptedException {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean probing = new AtomicBoolean(true);
    Thread probe =
        new Thread(
            () -> {
              while (probing.get()) {
                long posted = System.nanoTime();
                Platform.runLater(() -> latencies.add(System.nanoTime() - posted));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // probe pacing, not a wait
              }
            },
            "fx-latency-probe");
    probe.setDaemon(true);
    long events0 = target.received();
    long dispatches0 = target.dispatches();
    probe.start();
    long start = System.nanoTime();
    fire(target, rate, seconds, rows);
    double elapsed = (System.nanoTime() - start) / 1e9;
    // let the last batch and the last probes land
    long settle = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
    while (System.nanoTime() < settle) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    probing.set(false);
    probe.join();
    List<Long> sorted;
    synchronized (latencies) {
      sorted = new ArrayList<>(latencies);
    }
    Collections.sort(sorted);
    return new Result(
        target.received() - events0,
        target.dispatches() - dispatches0,
        elapsed,
        sorted.size(),
        pct(sorted, 0.50),
        pct(sorted, 0.95),
        pct(sorted, 1.0));
  }

  /**
   * Only the storm, without the latency probe: {@code round(rate * seconds)} events, {@code rate} a
   * second, across {@code rows} researches. Event {@code i} is for research {@code i % rows} with
   * progress {@link #progressOf}; every 10th is a log event and every other 5th a parameters event
   * (both make a log line in the console), the rest progress events.
   */
  public static void fire(EventCoalescer target, int rate, double seconds, int rows) {
    Instant created = Instant.now();
    long intervalNanos = 1_000_000_000L / rate;
    long total = Math.round(rate * seconds);
    long start = System.nanoTime();
    for (long i = 0; i < total; i++) {
      long due = start + i * intervalNanos;
      long early = due - System.nanoTime();
      if (early > 0) {
        LockSupport.parkNanos(early); // the producer keeps its rate; it never waits for the UI
      }
      int n = (int) (i % rows);
      Operation op = research(n, progressOf(i, rows), created);
      OperationEvent.Kind kind =
          i % 10 == 0
              ? OperationEvent.Kind.LOG
              : i % 5 == 0 ? OperationEvent.Kind.PARAMETERS : OperationEvent.Kind.PROGRESS;
      target.onEvent(
          new OperationEvent(
              Instant.now(),
              op.operationId(),
              op.operationType(),
              null,
              kind,
              null,
              null,
              "storm event " + i,
              op));
    }
  }

  /** The progress event {@code i} carries; rows change phase at different times. */
  public static double progressOf(long i, int rows) {
    return ((i / rows) + (i % rows) * 7L) % 100;
  }

  private static double pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
    return sorted.get(Math.max(0, i)) / 1e6;
  }
}
