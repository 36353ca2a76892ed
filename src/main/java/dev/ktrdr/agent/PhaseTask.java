package dev.ktrdr.agent;

import dev.ktrdr.agent.inprocess.InProcessFailure;
import dev.ktrdr.agent.inprocess.InProcessWork;
import dev.ktrdr.agent.inprocess.PacedWork;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.workers.stub.StubTiming;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;

/**
 * One in-process phase (design or assessment) of one research, as a JavaFX {@link Task}. It owns
 * its child operation: starts it, reports progress into it, and completes or fails it. Every write
 * is conditional on the child still being active, so a task that outlives its cancel can never put
 * a result into a cancelled research. What the work spent is recorded as soon as it returns,
 * whether or not its research is still there to use the result: the tokens were paid for.
 *
 * <p>Work that only waits ({@link PacedWork}, the stubs) holds no thread while it waits: {@link
 * #begin} starts the child, a timer reports each step, and the task runs on a thread only for its
 * result. A cancel then stops the timer at once, and the task has exited as soon as it is cancelled
 * (it never ran). Other work runs on a task thread from start to end ({@link #run}).
 */
public final class PhaseTask extends Task<Void> {
  private final String researchId;
  private final String childId;
  private final InProcessWork work;
  private final OperationsService ops;
  private final Spend spend;
  private final CountDownLatch exited = new CountDownLatch(1);
  private final PacedWork paced;
  private volatile ChildTasks owner;

  /** Paced work: the next step's timer, and whether the task was handed to a thread to finish. */
  private volatile ScheduledFuture<?> nextStep;

  private volatile boolean runRequested;

  /** Records what one finished piece of in-process work cost (idempotent per child). */
  @FunctionalInterface
  interface Spend {
    void record(String childId, Map<String, Object> result);
  }

  PhaseTask(
      String researchId, String childId, InProcessWork work, OperationsService ops, Spend spend) {
    this.researchId = researchId;
    this.childId = childId;
    this.work = work;
    this.ops = ops;
    this.spend = spend;
    this.paced = work instanceof PacedWork ? (PacedWork) work : null;
  }

  /** True when the work only waits, and is run by {@link #begin} rather than on a thread. */
  boolean isPaced() {
    return paced != null;
  }

  /**
   * Starts paced work on the caller's thread: starts the child, then leaves each step to {@code
   * timer} and the result to a thread of {@code threads}. Returns at once.
   */
  void begin(ScheduledExecutorService timer, Executor threads) {
    if (isCancelled() || !ops.start(childId).applied()) {
      exitedWithoutRunning();
      return;
    }
    if (paced.holds()) {
      return; // until cancelled
    }
    scheduleStep(1, timer, threads);
  }

  private void scheduleStep(int i, ScheduledExecutorService timer, Executor threads) {
    if (isCancelled()) {
      return;
    }
    StubTiming timing = paced.timing();
    if (i > timing.steps()) {
      runRequested = true;
      threads.execute(this); // the result, on a task thread
      return;
    }
    try {
      nextStep =
          timer.schedule(
              () -> {
                if (isCancelled()) {
                  return;
                }
                int pct = timing.percentAfter(i);
                updateProgress(pct, 100);
                ops.updateProgressLater(childId, pct, paced.step(pct));
                scheduleStep(i + 1, timer, threads);
              },
              timing.stepLength().toNanos(),
              TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      // the engine is closing: the child stays running and the next start resumes it
    }
  }

  /**
   * Cancels the task; paced work stops its timer and, never having run, has exited at once.
   * Otherwise as {@link Task#cancel(boolean)}: interrupts the running work.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    ScheduledFuture<?> step = nextStep;
    if (step != null) {
      step.cancel(false);
    }
    if (paced != null && !runRequested) {
      exited.countDown(); // it will never run: a run already handed over exits on its own
    }
    return cancelled;
  }

  private void exitedWithoutRunning() {
    exited.countDown();
    ChildTasks t = owner;
    if (t != null) {
      t.finished(this);
    }
  }

  public String researchId() {
    return researchId;
  }

  public String childId() {
    return childId;
  }

  void ownedBy(ChildTasks tasks) {
    this.owner = tasks;
  }

  /** True once {@link #call()} has returned, however it ended. */
  public boolean hasExited() {
    return exited.getCount() == 0;
  }

  boolean awaitExit(long millis) throws InterruptedException {
    return exited.await(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  protected Void call() {
    try {
      Map<String, Object> result;
      if (paced != null) {
        result = paced.result(); // its child started and its steps went by before this run
      } else {
        if (isCancelled() || !ops.start(childId).applied()) {
          return null;
        }
        result =
            work.run(
                (pct, step) -> {
                  updateProgress(pct, 100);
                  ops.updateProgress(childId, pct, step);
                },
                this::isCancelled);
      }
      recordSpend(result);
      if (!isCancelled()) {
        ops.complete(childId, result); // refused if the child was cancelled meanwhile
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // cancelled: the canceller already wrote the status
    } catch (InProcessFailure e) {
      recordSpend(e.spent()); // a model call that failed to validate was still paid for
      if (!isCancelled()) {
        ops.fail(childId, e.getMessage());
      }
    } catch (Exception | Error e) { // an Error too: else the child stays running, task-less
      if (!isCancelled()) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        ops.fail(childId, message);
      }
    }
    return null;
  }

  private void recordSpend(Map<String, Object> result) {
    try {
      spend.record(childId, result);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(PhaseTask.class)
          .warn("Could not record the spend of {}: {}", childId, e.toString());
    }
  }

  @Override
  public void run() {
    try {
      super.run();
    } finally {
      // Here rather than in call(): a task cancelled before its thread picked it up never enters
      // call(), yet it has exited. After the database write, so the coordinator never sees
      // "no task" with a live child.
      exited.countDown();
      ChildTasks t = owner;
      if (t != null) {
        t.finished(this);
      }
    }
  }
}
