package dev.ktrdr.bench;

import dev.ktrdr.agent.inprocess.StubDesignAgent;
import dev.ktrdr.workers.stub.StubTiming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How long a stub phase takes to stop once cancelled (SPEC §4: within 100 ms), by its cancel flag
 * (an in-process task's cancel) and by an interrupt (a worker's cancel), in a running phase and in
 * a phase held by {@code INJECT_HOLD}. Not a test (the tests only check that it stops); run it with
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ktrdr.bench.StubStopBench [-Dexec.args="ROUNDS"]</pre>
 */
public final class StubStopBench {
  private StubStopBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    StubDesignAgent design = new StubDesignAgent(new StubTiming(Duration.ofDays(1)));
    for (String brief : List.of("running", "INJECT_HOLD:design")) {
      for (boolean byFlag : List.of(true, false)) {
        List<Long> micros = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          micros.add(stopMicros(design, brief, byFlag));
        }
        Collections.sort(micros);
        System.out.printf(
            "stub design '%s' stopped by %s over %d rounds: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
            brief,
            byFlag ? "its cancel flag" : "an interrupt",
            rounds,
            pct(micros, 50),
            pct(micros, 95),
            micros.get(micros.size() - 1) / 1000.0);
      }
    }
    System.exit(0);
  }

  private static long stopMicros(StubDesignAgent design, String brief, boolean byFlag)
      throws InterruptedException {
    AtomicBoolean cancelled = new AtomicBoolean();
    CountDownLatch running = new CountDownLatch(1);
    long[] stoppedAt = new long[1];
    Thread t =
        new Thread(
            () -> {
              running.countDown();
              try {
                design.design(brief, "m").run((p, s) -> {}, cancelled::get);
              } catch (Exception expected) {
                stoppedAt[0] = System.nanoTime();
              }
            });
    t.start();
    running.await();
    // Let it settle into its wait (the bench measures a phase that is well under way).
    t.join(120);
    long cancelAt = System.nanoTime();
    if (byFlag) {
      cancelled.set(true);
    } else {
      t.interrupt();
    }
    t.join();
    return TimeUnit.NANOSECONDS.toMicros(stoppedAt[0] - cancelAt);
  }

  private static double pct(List<Long> sorted, int p) {
    int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    return sorted.get(Math.max(0, i)) / 1000.0;
  }
}
