package dev.ktrdr.agent;

import dev.ktrdr.agent.inprocess.InProcessFailure;
import dev.ktrdr.agent.inprocess.InProcessWork;
import dev.ktrdr.operations.OperationsService;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;

/**
 * One in-process phase (design or assessment) of one research, as a JavaFX {@link Task}. It owns
 * its child operation: starts it, reports progress into it, and completes or fails it. Every write
 * is conditional on the child still being active, so a task that outlives its cancel can never put
 * a result into a cancelled research. What the work spent is recorded as soon as it returns,
 * whether or not its research is still there to use the result: the tokens were paid for.
 */
public final class PhaseTask extends Task<Void> {
  private final String researchId;
  private final String childId;
  private final InProcessWork work;
  private final OperationsService ops;
  private final Spend spend;
  private final CountDownLatch exited = new CountDownLatch(1);
  private volatile ChildTasks owner;

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
      if (isCancelled() || !ops.start(childId).applied()) {
        return null;
      }
      Map<String, Object> result =
          work.run(
              (pct, step) -> {
                updateProgress(pct, 100);
                ops.updateProgress(childId, pct, step);
              },
              this::isCancelled);
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
