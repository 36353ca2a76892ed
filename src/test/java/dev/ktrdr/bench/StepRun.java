package dev.ktrdr.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The step run: a second {@code ktrdr serve} whose stub phases last one second, with only {@link
 * #TRAINING_WORKERS} training workers. Every research designs for a second and then waits for a
 * training worker, so the active count stays where the benchmark puts it (a feeder tops it up as
 * researches complete) while a few researches at a time go through training, backtest and
 * assessment. Their operation timestamps give:
 *
 * <ul>
 *   <li><b>step latency</b>: a child ends ({@code completed_at}) → its research creates the next
 *       child ({@code created_at}), over training → backtest (backtest workers are plentiful, so
 *       nothing queues) and backtest → assessment (in-process);
 *   <li><b>worker hand-off</b>: a training worker is freed → the oldest waiting research starts
 *       training on it (the k-th training to end frees the worker that the (k + workers)-th
 *       training to start takes, since a research is always waiting).
 * </ul>
 *
 * A successor that does not exist yet when the timestamps are read counts with the time waited so
 * far (a lower bound), so a slow hand-off is never dropped from the sample.
 */
final class StepRun {
  static final int TRAINING_WORKERS = 4;
  static final int BACKTEST_WORKERS = 12;

  private StepRun() {}

  /** What was measured at one size. */
  record Point(
      int size,
      int reached,
      int minActive,
      int maxActive,
      Stats stepMillis,
      int stepsUnfinished,
      Stats handoffMillis,
      int handoffsUnfinished) {}

  static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("USE_STUB_WORKERS", "true");
    env.put("STUB_WORKER_DELAY", "1");
    env.put("STUB_TRAINING_WORKERS", Integer.toString(TRAINING_WORKERS));
    env.put("STUB_BACKTEST_WORKERS", Integer.toString(BACKTEST_WORKERS));
    env.put("AGENT_MAX_CONCURRENT_RESEARCHES", Integer.toString(ScaleRun.MAX_LIMIT));
    env.put("AGENT_DAILY_BUDGET", "1000000");
    return env; // AGENT_POLL_INTERVAL stays at the product's default
  }

  static List<Point> run(Options o, Path dir) throws Exception {
    List<Point> points = new ArrayList<>();
    try (ServeProcess server =
        ServeProcess.start(o.jar(), dir.resolve("steps.db"), environment(), "steps")) {
      for (int size : o.sizes()) {
        boolean force = size > ScaleRun.MAX_LIMIT;
        Progress.say("step run: triggering up to %,d active researches", size);
        int reached;
        boolean cutShort;
        int need;
        try (Api api = new Api(server.url())) {
          need = size - Ktrdr.activeCount(api, "agent_research");
        }
        Load.Result ramp =
            Load.run(
                server.url(),
                8,
                need,
                o.rampCapSeconds(),
                a -> Ktrdr.trigger(a, "bench steps", force));
        cutShort = ramp.done() < need;
        // A fresh connection: one left idle through a long ramp (to 10,000 it takes over 30 s) is
        // closed by the server's idle timeout, and this client does not retry.
        try (Api api = new Api(server.url())) {
          reached = Ktrdr.activeCount(api, "agent_research");
        }
        waitForDesigns(server, o);
        Instant start = Instant.now();
        int[] range = feed(server, reached, o.windowSeconds(), force);
        Instant end = Instant.now();
        // Let the last hand-offs of the window happen (a poll-driven engine needs up to a poll).
        Thread.sleep(5000); // a fixed grace after the window, not a wait for a condition
        Point p = measure(server, size, reached, range, start, end);
        Progress.say(
            "  step p50 %.0f ms, p99 %.0f ms (%d samples); worker hand-off p50 %.0f ms (%d)",
            p.stepMillis().p50(),
            p.stepMillis().p99(),
            p.stepMillis().count(),
            p.handoffMillis().p50(),
            p.handoffMillis().count());
        points.add(p);
        if (cutShort) {
          Progress.say("  the ramp was cut short: larger sizes are not measured");
          break;
        }
      }
    }
    return points;
  }

  /** Waits (up to the settle cap) until no design is running: every research waits for a worker. */
  private static void waitForDesigns(ServeProcess server, Options o) throws Exception {
    long t0 = System.nanoTime();
    try (Api api = new Api(server.url())) {
      while (Ktrdr.activeCount(api, "agent_design") > 0) {
        if ((System.nanoTime() - t0) / 1e9 > o.settleCapSeconds()) {
          Progress.say(
              "  designs still running after %.0f s; measuring anyway", o.settleCapSeconds());
          return;
        }
        Thread.sleep(500); // poll pacing
      }
    }
  }

  /**
   * Keeps {@code size} researches active for {@code seconds} by triggering one for each that
   * completes; returns the lowest and highest active count seen.
   */
  private static int[] feed(ServeProcess server, int size, double seconds, boolean force)
      throws Exception {
    int min = Integer.MAX_VALUE;
    int max = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    try (Api api = new Api(server.url())) {
      while (System.nanoTime() < end) {
        int active = Ktrdr.activeCount(api, "agent_research");
        min = Math.min(min, active);
        max = Math.max(max, active);
        for (int i = active; i < size; i++) {
          Ktrdr.trigger(api, "bench steps", force);
        }
        Thread.sleep(250); // feeder pacing
      }
    }
    return new int[] {min, max};
  }

  private static Point measure(
      ServeProcess server, int size, int reached, int[] range, Instant start, Instant end)
      throws Exception {
    List<Ktrdr.Op> training;
    List<Ktrdr.Op> backtests;
    List<Ktrdr.Op> assessments;
    Instant read;
    try (Api api = new Api(server.url())) {
      training = Ktrdr.all(api, "training");
      backtests = Ktrdr.all(api, "backtesting");
      assessments = Ktrdr.all(api, "agent_assessment");
      read = Instant.now();
    }
    AtomicInteger stepsUnfinished = new AtomicInteger();
    List<Double> steps = new ArrayList<>();
    steps.addAll(successorDelays(training, backtests, start, end, read, stepsUnfinished));
    steps.addAll(successorDelays(backtests, assessments, start, end, read, stepsUnfinished));
    AtomicInteger handoffsUnfinished = new AtomicInteger();
    List<Double> handoffs = handoffs(training, start, end, read, handoffsUnfinished);
    return new Point(
        size,
        reached,
        range[0],
        range[1],
        Stats.of(steps),
        stepsUnfinished.get(),
        Stats.of(handoffs),
        handoffsUnfinished.get());
  }

  /** For each child that ended in the window: its end → its research's next child's creation. */
  static List<Double> successorDelays(
      List<Ktrdr.Op> ended,
      List<Ktrdr.Op> next,
      Instant start,
      Instant end,
      Instant read,
      AtomicInteger unfinished) {
    Map<String, Ktrdr.Op> nextByParent = new HashMap<>();
    for (Ktrdr.Op n : next) {
      nextByParent.putIfAbsent(n.parent(), n);
    }
    List<Double> out = new ArrayList<>();
    for (Ktrdr.Op e : ended) {
      if (!"completed".equals(e.status()) || !within(e.completed(), start, end)) {
        continue;
      }
      Ktrdr.Op n = nextByParent.get(e.parent());
      if (n == null) {
        unfinished.incrementAndGet();
        out.add(millis(e.completed(), read));
      } else {
        out.add(millis(e.completed(), n.created()));
      }
    }
    return out;
  }

  /** The k-th training to end frees the worker the (k + workers)-th training to start takes. */
  static List<Double> handoffs(
      List<Ktrdr.Op> training, Instant start, Instant end, Instant read, AtomicInteger unfinished) {
    List<Instant> ends =
        training.stream()
            .map(Ktrdr.Op::completed)
            .filter(Objects::nonNull)
            .sorted()
            .collect(Collectors.toList());
    List<Instant> starts =
        training.stream()
            .sorted(Comparator.comparing(Ktrdr.Op::created))
            .map(Ktrdr.Op::created)
            .collect(Collectors.toList());
    List<Double> out = new ArrayList<>();
    for (int k = 0; k < ends.size(); k++) {
      Instant freed = ends.get(k);
      if (!within(freed, start, end)) {
        continue;
      }
      int taker = k + TRAINING_WORKERS;
      if (taker < starts.size()) {
        out.add(millis(freed, starts.get(taker)));
      } else {
        unfinished.incrementAndGet();
        out.add(millis(freed, read));
      }
    }
    return out;
  }

  private static boolean within(Instant t, Instant start, Instant end) {
    return t != null && !t.isBefore(start) && t.isBefore(end);
  }

  private static double millis(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toNanos() / 1e6);
  }
}
