package dev.ktrdr.agent.inprocess;

import dev.ktrdr.workers.stub.StubTiming;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * In-process work that spends its time waiting, as the stubs do: the steps of its {@link
 * #timing()}, each reported as progress when it is over, then a {@link #result()} (or a failure).
 * The engine runs it without holding a thread while it waits: a timer reports each step, and a task
 * thread is taken only for the result, so ten thousand waiting designs cost no thread each. Work
 * that {@link #holds()} waits until it is cancelled.
 *
 * <p>As a plain {@link InProcessWork} ({@link #run}) it sleeps through the same steps on the
 * caller's thread, so a caller that wraps it (a test's gate) sees the same behaviour.
 */
public interface PacedWork extends InProcessWork {
  /** How long the work takes, in how many steps. */
  StubTiming timing();

  /** True when the work never ends on its own (a held phase): only a cancel stops it. */
  boolean holds();

  /** The progress text after a step, at {@code percent}. */
  String step(int percent);

  /** What the work returns once its time is over; throws to fail it. */
  Map<String, Object> result() throws Exception;

  @Override
  default Map<String, Object> run(Progress progress, BooleanSupplier cancelled) throws Exception {
    if (holds()) {
      timing().hold(cancelled);
    }
    timing().run(pct -> progress.report(pct, step(pct)), cancelled);
    return result();
  }
}
