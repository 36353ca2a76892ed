package dev.ktrdr.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes the benchmark started. A shutdown hook kills whatever is still running when the
 * benchmark ends in any way (Ctrl+C included), so no server outlives the run.
 */
final class Children {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (Process p : RUNNING) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                  }
                },
                "bench-cleanup"));
  }

  private Children() {}

  static void track(Process p) {
    RUNNING.add(p);
  }

  static void untrack(Process p) {
    RUNNING.remove(p);
  }
}
