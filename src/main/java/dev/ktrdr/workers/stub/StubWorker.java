package dev.ktrdr.workers.stub;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.workers.JobReports;
import dev.ktrdr.workers.Worker;
import dev.ktrdr.workers.WorkerType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process training or backtest worker that takes {@link StubTiming#delay()} per job, reports
 * progress into its operation, honours the brief's fault and hold markers ({@link FaultInjection}),
 * and stops within 100 ms of a cancel. The brief comes from the operation's {@code brief}
 * parameter.
 */
public final class StubWorker implements Worker {
  private static final Logger log = LoggerFactory.getLogger(StubWorker.class);

  /** Held phases end only by a cancel: they wait parked, with no wake-ups (thousands may wait). */
  public static final Predicate<Operation> NEVER_RELEASED = op -> false;

  private final String id;
  private final WorkerType type;
  private final JobReports ops;
  private final Predicate<Operation> holdReleased;
  private final StubTiming timing;
  private final ExecutorService executor;
  private final Map<String, Future<?>> running = new ConcurrentHashMap<>();

  public StubWorker(
      String id,
      WorkerType type,
      OperationsService ops,
      StubTiming timing,
      ExecutorService executor) {
    this(id, type, JobReports.of(ops), timing, executor, NEVER_RELEASED);
  }

  /**
   * A stub worker whose jobs report through {@code reports} (a worker process reports over HTTP),
   * and whose {@code INJECT_HOLD} phases also end, as if their delay had passed, once {@code
   * holdReleased} says so for their operation: an end-to-end test lets a held phase finish at the
   * moment it chooses (after restarting the backend, say) instead of racing a short delay.
   */
  public StubWorker(
      String id,
      WorkerType type,
      JobReports reports,
      StubTiming timing,
      ExecutorService executor,
      Predicate<Operation> holdReleased) {
    this.id = id;
    this.type = type;
    this.ops = reports;
    this.holdReleased = holdReleased;
    this.timing = timing;
    this.executor = executor;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public WorkerType type() {
    return type;
  }

  @Override
  public void start(Operation operation, Runnable onEnd) {
    String opId = operation.operationId();
    FutureTask<Void> job =
        new FutureTask<>(
            () -> {
              try {
                run(operation);
              } finally {
                running.remove(opId);
                onEnd.run();
              }
              return null;
            });
    running.put(opId, job); // before execute, so that a fast job's remove comes after this put
    executor.execute(job);
  }

  @Override
  public void cancel(String operationId) {
    Future<?> job = running.remove(operationId);
    if (job != null) {
      job.cancel(true);
    }
  }

  private void run(Operation op) {
    String opId = op.operationId();
    String brief = op.param("brief");
    FaultInjection.Stage stage =
        type == WorkerType.TRAINING ? FaultInjection.Stage.TRAINING : FaultInjection.Stage.BACKTEST;
    String step = type == WorkerType.TRAINING ? "Training epoch" : "Simulating trades";
    try {
      if (!ops.start(opId)) {
        return; // cancelled before it began
      }
      if (FaultInjection.holdsAt(brief, stage)) {
        if (holdReleased == NEVER_RELEASED) {
          timing.hold(StubTiming.INTERRUPT_ONLY); // until cancel interrupts this job
        } else {
          timing.holdUntil(() -> holdReleased.test(op)); // or until a cancel interrupts it
        }
      }
      timing.run(
          pct -> ops.progress(opId, pct, step + " (" + pct + "%)"),
          StubTiming.INTERRUPT_ONLY); // a job is cancelled by its interrupt
      if (FaultInjection.failsAt(brief, stage)) {
        ops.fail(opId, FaultInjection.message(stage));
        return;
      }
      boolean failGate = FaultInjection.failsGate(brief, stage);
      Map<String, Object> result =
          type == WorkerType.TRAINING
              ? StubResults.training(opId, failGate)
              : StubResults.backtest(opId, failGate);
      ops.complete(opId, result); // refused if the operation was cancelled meanwhile
    } catch (InterruptedException e) {
      // Logged so that a held phase's stop is visible from outside the process (e2e tests).
      log.info("Stub worker {} stopped {} on its interrupt (cancel or shutdown)", id, opId);
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("Stub worker {} failed on {}: {}", id, opId, e.toString());
      ops.fail(opId, "Worker error: " + e.getMessage());
    }
  }
}
