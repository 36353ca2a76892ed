package dev.ktrdr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The scale run: one {@code ktrdr serve} whose stub phases last a day, so every research triggered
 * stays active (designing) for the whole run. At each size it ramps the active count up with 8
 * keep-alive clients (triggers per second), waits until every research has started its design
 * (steady state), samples the coordinator's {@code last_cycle}, cancels some researches one after
 * another (cancel round trip) and triggers as many again, then restarts the server on the same
 * database ({@code serve} ready time with that many researches to resume).
 */
final class ScaleRun {
  /** The most researches the product's limit setting allows; above it triggers are forced. */
  static final int MAX_LIMIT = 10_000;

  private ScaleRun() {}

  /** What was measured at one size. */
  record Point(
      int size,
      int reached,
      Load.Result triggers,
      boolean settled,
      double settleSeconds,
      Stats cycleMillis,
      Stats cancelMillis,
      double readySeconds,
      double archivedReadySeconds) {}

  /**
   * The whole run: the ready time on an empty database (without and with the class-data archive;
   * NaN when none was given), then one point per size.
   */
  record Result(double freshReadySeconds, double freshArchivedReadySeconds, List<Point> points) {}

  static Map<String, String> environment(Options o) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("USE_STUB_WORKERS", "true");
    env.put("STUB_WORKER_DELAY", "86400"); // a day: nothing ends while we measure
    env.put("STUB_TRAINING_WORKERS", "50");
    env.put("STUB_BACKTEST_WORKERS", "50");
    env.put("AGENT_MAX_CONCURRENT_RESEARCHES", Integer.toString(MAX_LIMIT));
    env.put("AGENT_DAILY_BUDGET", "1000000");
    return env; // AGENT_POLL_INTERVAL stays at the product's default
  }

  static Result run(Options o, Path dir) throws Exception {
    Path db = dir.resolve("scale.db");
    Map<String, String> env = environment(o);
    List<Point> points = new ArrayList<>();
    List<String> active = Collections.synchronizedList(new ArrayList<>());
    Random random = new Random(42);
    double freshArchived = archivedReady(o, dir.resolve("fresh-archived.db"), env);
    ServeProcess server = ServeProcess.start(o.jar(), db, env, "scale");
    try {
      double fresh = server.readySeconds();
      Progress.say("scale run: serve ready in %.2f s on an empty database", fresh);
      warmUp(server);
      for (int i = 0; i < o.sizes().size(); i++) {
        int size = o.sizes().get(i);
        boolean last = i == o.sizes().size() - 1;
        Progress.say("scale run: triggering up to %,d active researches", size);
        Load.Result triggers =
            Load.run(
                server.url(),
                8,
                size - active.size(),
                o.rampCapSeconds(),
                api -> active.add(Ktrdr.trigger(api, "bench scale", size > MAX_LIMIT)));
        int reached = active.size();
        Progress.say(
            "  %,d triggers in %.1f s (%.0f/s)%s",
            triggers.done(),
            triggers.seconds(),
            triggers.perSecond(),
            reached < size ? ", cut short at the time cap" : "");
        Settle settle = settle(server, o);
        // The first cycles after a ramp read its thousands of changes (a sweep reads what changed);
        // the steady state is measured from the third on. The sweep of the ramp is logged.
        double afterRamp = awaitCycles(server, 2);
        Progress.say("  the cycles after the ramp took up to %.0f ms", afterRamp);
        Stats cycle = sampleCycles(server, o.windowSeconds());
        Progress.say("  coordinator cycle p50 %.0f ms, max %.0f ms", cycle.p50(), cycle.max());
        Stats cancel = cancelSome(server, active, o.cancels(size), o.rampCapSeconds() / 3, random);
        Progress.say(
            "  cancel p50 %.1f ms, p99 %.1f ms, max %.1f ms",
            cancel.p50(), cancel.p99(), cancel.max());
        int topUp = reached - active.size();
        Load.run(
            server.url(),
            8,
            topUp,
            o.rampCapSeconds(),
            api -> active.add(Ktrdr.trigger(api, "bench scale", size > MAX_LIMIT)));
        server.close();
        double archived = archivedReady(o, db, env);
        server = ServeProcess.start(o.jar(), db, env, "scale");
        Progress.say(
            "  serve ready in %.2f s with %,d researches to resume",
            server.readySeconds(), active.size());
        if (!last) {
          warmUp(server); // the restarted JVM is cold again
        }
        points.add(
            new Point(
                size,
                reached,
                triggers,
                settle.done(),
                settle.seconds(),
                cycle,
                cancel,
                server.readySeconds(),
                archived));
        if (reached < size) {
          Progress.say("  the ramp was cut short: larger sizes are not measured");
          break;
        }
        if (!last) {
          settle(server, o); // the resumed researches restart their designs before we go on
        }
      }
      return new Result(fresh, freshArchived, points);
    } finally {
      server.close();
    }
  }

  /**
   * Starts the server on {@code db} as packaging/ktrdr does, with the class-data archive, and
   * returns its ready time (NaN without an archive); stops it again.
   */
  private static double archivedReady(Options o, Path db, Map<String, String> env)
      throws Exception {
    if (o.cdsArchive() == null) {
      return Double.NaN;
    }
    try (ServeProcess s =
        ServeProcess.start(
            o.jar(), ServeProcess.archiveOptions(o.cdsArchive()), db, env, "scale-archived")) {
      Progress.say("  serve ready in %.2f s with the class-data archive", s.readySeconds());
      return s.readySeconds();
    }
  }

  static final int WARM_UP_ROUND = 1_000;
  static final int WARM_UP_MAX_ROUNDS = 8;

  /**
   * Warms the server before anything is measured, after its first start and after every restart:
   * rounds of {@value #WARM_UP_ROUND} triggers from 8 clients followed by their cancels, until a
   * round's trigger rate is within 10 % of the round before (at most {@value #WARM_UP_MAX_ROUNDS}
   * rounds). A server in use is warm; a fresh JVM compiles its hot paths over its first few
   * thousand requests (in a profile of the first 9,000 triggers, the JIT compiler took 43 % of the
   * process's CPU), and 40 warm-up triggers left the ramps measuring the compiler, not the engine.
   * The warm-up's researches end cancelled, so the sizes that follow start from the same active
   * count as before; it ends once two coordinator cycles have swept its changes.
   */
  static void warmUp(ServeProcess server) throws Exception {
    double previous = 0;
    for (int round = 1; round <= WARM_UP_MAX_ROUNDS; round++) {
      Queue<String> ids = new ConcurrentLinkedQueue<>();
      Load.Result r =
          Load.run(
              server.url(),
              8,
              WARM_UP_ROUND,
              Double.MAX_VALUE,
              api -> ids.add(Ktrdr.trigger(api, "bench warm-up", false)));
      Load.run(
          server.url(), 8, ids.size(), Double.MAX_VALUE, api -> Ktrdr.cancel(api, ids.remove()));
      Progress.say("  warm-up round %d: %.0f triggers/s", round, r.perSecond());
      if (previous > 0 && Math.abs(r.perSecond() - previous) <= 0.1 * previous) {
        break;
      }
      previous = r.perSecond();
    }
    awaitCycles(server, 2);
  }

  /**
   * Waits until {@code n} coordinator cycles have started from now, so that the sweep has read the
   * warm-up's or a ramp's thousands of changes before the steady state is sampled (at most a
   * minute); returns the longest of those cycles.
   */
  private static double awaitCycles(ServeProcess server, int n) throws Exception {
    double longest = 0;
    try (Api api = new Api(server.url())) {
      String seen = Ktrdr.status(api).path("last_cycle").path("started_at").asText();
      long deadline = System.nanoTime() + 60_000_000_000L;
      int started = 0;
      while (started < n && System.nanoTime() < deadline) {
        Thread.sleep(100);
        JsonNode last = Ktrdr.status(api).path("last_cycle");
        String now = last.path("started_at").asText();
        if (!now.equals(seen)) {
          seen = now;
          started++;
          longest = Math.max(longest, last.path("duration_ms").asDouble());
        }
      }
    }
    return longest;
  }

  /** Whether the steady state was reached, and how long that took. */
  record Settle(boolean done, double seconds) {}

  /** Waits until every active research has its design running: the steady state. */
  static Settle settle(ServeProcess server, Options o) throws Exception {
    long t0 = System.nanoTime();
    try (Api api = new Api(server.url())) {
      while (true) {
        int researches = Ktrdr.activeCount(api, "agent_research");
        int designs = Ktrdr.activeCount(api, "agent_design");
        double waited = (System.nanoTime() - t0) / 1e9;
        if (designs >= researches) {
          return new Settle(true, waited);
        }
        if (waited > o.settleCapSeconds()) {
          Progress.say(
              "  not settled after %.0f s: %,d of %,d designs running",
              waited, designs, researches);
          return new Settle(false, waited);
        }
        Thread.sleep(500); // poll pacing: the engine starts designs on its own schedule
      }
    }
  }

  /** Distinct {@code last_cycle} durations seen while polling the status for {@code seconds}. */
  static Stats sampleCycles(ServeProcess server, double seconds) throws Exception {
    Map<String, Double> cycles = new HashMap<>();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    try (Api api = new Api(server.url())) {
      while (System.nanoTime() < end) {
        JsonNode last = Ktrdr.status(api).path("last_cycle");
        if (last.isObject()) {
          cycles.put(last.path("started_at").asText(), last.path("duration_ms").asDouble());
        }
        Thread.sleep(500); // sampling pacing, not a wait for a condition
      }
    }
    return Stats.of(cycles.values());
  }

  /**
   * Cancels {@code count} random active researches one after another (stopping early after {@code
   * capSeconds}); round trips in ms.
   */
  private static Stats cancelSome(
      ServeProcess server, List<String> active, int count, double capSeconds, Random random)
      throws Exception {
    List<Double> millis = new ArrayList<>();
    long deadline = System.nanoTime() + (long) (capSeconds * 1e9);
    try (Api api = new Api(server.url())) {
      for (int i = 0; i < count && !active.isEmpty() && System.nanoTime() < deadline; i++) {
        String id = active.remove(random.nextInt(active.size()));
        long t0 = System.nanoTime();
        Ktrdr.cancel(api, id);
        millis.add((System.nanoTime() - t0) / 1e6);
      }
    }
    return Stats.of(millis);
  }
}
