package dev.ktrdr.agent.inprocess;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The body of an in-process phase (design or assessment): runs on a task thread, reports progress
 * through {@code progress}, and returns the child operation's result. It must stop promptly when
 * interrupted or when {@code cancelled} turns true.
 */
@FunctionalInterface
public interface InProcessWork {
  Map<String, Object> run(Progress progress, BooleanSupplier cancelled) throws Exception;

  /** Progress of the work, 0–100, with a short description. */
  @FunctionalInterface
  interface Progress {
    void report(int percent, String step);
  }
}
