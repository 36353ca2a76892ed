package dev.ktrdr.bench;

import dev.ktrdr.agent.CancelSource;
import dev.ktrdr.agent.Phase;
import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.config.Settings;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long {@code AgentService.cancel} takes while many researches run and the coordinator cycles
 * every 20 ms: the time from the call to a reply with the research, its task, child and worker all
 * settled. Not a test; run it with
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ktrdr.bench.CancelLatencyBench [-Dexec.args="ROUNDS RESEARCHES"]</pre>
 */
public final class CancelLatencyBench {
  private CancelLatencyBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int researches = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path dir = Files.createTempDirectory("ktrdr-bench");
    Settings s = TestEngine.instantSettings().withMaxConcurrentResearches(0).withWorkers(4, 4);
    // Every design holds until it is cancelled, so each cancel finds a running phase to stop.
    PhaseGates gates = new PhaseGates().holdEvery(Phase.DESIGNING);
    List<Long> micros = new ArrayList<>();
    try (TestEngine e = TestEngine.start(dir.resolve("bench.db"), s, gates)) {
      for (int r = 0; r < rounds; r++) {
        List<String> ids = new ArrayList<>();
        List<String> briefs = new ArrayList<>();
        for (int i = 0; i < researches; i++) {
          String brief = "bench " + r + "." + i;
          briefs.add(brief);
          ids.add(
              ((Triggered) e.agent().trigger(new TriggerRequest(brief, null, false, true)))
                  .operationId());
        }
        for (String brief : briefs) {
          gates.awaitHeld(brief, Phase.DESIGNING);
        }
        for (String id : ids) {
          long t0 = System.nanoTime();
          if (!e.agent().cancel(id, null, CancelSource.API).success()) {
            throw new IllegalStateException("cancel refused for " + id);
          }
          micros.add((System.nanoTime() - t0) / 1000);
        }
      }
    }
    Collections.sort(micros);
    System.out.printf(
        "cancel latency over %d cancels (%d researches active per round):%n",
        micros.size(), researches);
    System.out.printf(
        "  p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        pct(micros, 50), pct(micros, 90), pct(micros, 99), micros.get(micros.size() - 1) / 1000.0);
    System.exit(0); // the JavaFX toolkit thread would keep the JVM (and exec:java) alive
  }

  private static double pct(List<Long> sorted, int p) {
    int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    return sorted.get(Math.max(0, i)) / 1000.0;
  }
}
