package dev.ktrdr.agent;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process phase tasks, one per research at most, keyed by the research's operation id (the
 * seed's {@code _child_tasks}). A task leaves the map when it ends on its own and when its research
 * is cancelled; the map is empty when nothing runs in-process.
 *
 * <p>A task that ignores its interrupt is a straggler: it is out of the map and cannot write into
 * its research, and {@code onStraggler} is told so that the user can see it.
 */
public final class ChildTasks {
  private static final Logger log = LoggerFactory.getLogger(ChildTasks.class);

  private final Map<String, PhaseTask> tasks = new ConcurrentHashMap<>();
  private final Set<PhaseTask> stragglers = ConcurrentHashMap.newKeySet();
  private final Executor executor;

  /** Straggler checks, and the steps of paced work (see {@link PhaseTask#begin}). */
  private final ScheduledExecutorService watchdog;

  private final long stragglerGraceMillis;
  private final Consumer<PhaseTask> onStraggler;

  public ChildTasks(
      Executor executor,
      ScheduledExecutorService watchdog,
      long stragglerGraceMillis,
      Consumer<PhaseTask> onStraggler) {
    this.executor = executor;
    this.watchdog = watchdog;
    this.stragglerGraceMillis = stragglerGraceMillis;
    this.onStraggler = onStraggler;
  }

  /** Tracks {@code task} under its research id and starts it on a task thread. */
  public void start(PhaseTask task) {
    task.ownedBy(this);
    PhaseTask previous = tasks.put(task.researchId(), task);
    if (previous != null) {
      previous.cancel(true); // never two in-process phases for one research
    }
    log.debug("Task for {} started ({})", task.researchId(), task.childId());
    if (task.isPaced()) {
      task.begin(watchdog, executor); // waits on the timer, not on a thread
    } else {
      executor.execute(task);
    }
  }

  /** Cancels and forgets the task of {@code researchId}; false when it has none. */
  public boolean cancel(String researchId) {
    PhaseTask task = tasks.remove(researchId);
    if (task == null) {
      return false;
    }
    task.cancel(true);
    log.debug("Task for {} cancelled ({})", researchId, task.childId());
    if (!task.hasExited()) {
      watchdog.schedule(() -> checkStraggler(task), stragglerGraceMillis, TimeUnit.MILLISECONDS);
    }
    return true;
  }

  private void checkStraggler(PhaseTask task) {
    if (!task.hasExited()) {
      log.warn(
          "Task {} of cancelled research {} ignores its interrupt (straggler)",
          task.childId(),
          task.researchId());
      onStraggler.accept(task); // reported (in the research's log) before it is counted
      stragglers.add(task);
      if (task.hasExited()) {
        stragglers.remove(task); // it stopped meanwhile
      }
    }
  }

  void finished(PhaseTask task) {
    tasks.remove(task.researchId(), task);
    if (stragglers.remove(task)) {
      log.info("Straggler {} of research {} has stopped", task.childId(), task.researchId());
    }
  }

  public boolean isTracked(String researchId) {
    return tasks.containsKey(researchId);
  }

  public Optional<PhaseTask> get(String researchId) {
    return Optional.ofNullable(tasks.get(researchId));
  }

  public int size() {
    return tasks.size();
  }

  public Set<String> trackedResearchIds() {
    return Set.copyOf(tasks.keySet());
  }

  /** Cancelled tasks still running past their grace period. */
  public int stragglerCount() {
    return stragglers.size();
  }
}
