package dev.ktrdr.workers.local;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.ResearchParameters;
import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.NotEnoughDataException;
import dev.ktrdr.research.ResearchCancelledException;
import dev.ktrdr.research.backtest.BacktestConfig;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.data.DatasetCatalog;
import dev.ktrdr.research.data.UnknownDatasetException;
import dev.ktrdr.research.model.FittedModel;
import dev.ktrdr.research.model.TrainingResult;
import dev.ktrdr.research.strategy.SpecValidationException;
import dev.ktrdr.research.strategy.StrategySpec;
import dev.ktrdr.research.strategy.StrategySpecs;
import dev.ktrdr.workers.JobReports;
import dev.ktrdr.workers.Worker;
import dev.ktrdr.workers.WorkerType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training or backtest worker that runs the real research code in this process: the {@link
 * Worker} adapter around {@link TrainingJob} and {@link BacktestJob}. It reads the job's inputs
 * from its operation's parameters ({@code strategy_spec}, {@code dataset_id}, and for a backtest
 * {@code training_op_id}, whose result holds the fitted model), reports progress into the
 * operation, and completes it with the result or fails it with a message a user can act on.
 *
 * <p>A cancel raises the job's flag and interrupts its thread; the research code checks both before
 * every mini-batch and every few hundred bars, so the thread stops within milliseconds and writes
 * nothing (the operation's status was already written by the canceller, and every write of a child
 * is conditional on the child still being active). One job at a time per worker: the registry never
 * gives a busy worker a second one.
 */
public final class LocalWorker implements Worker {
  private static final Logger log = LoggerFactory.getLogger(LocalWorker.class);

  private final String id;
  private final WorkerType type;
  private final JobReports ops;
  private final DatasetCatalog datasets;
  private final ExecutorService threads;
  private final JobCheckpoint checkpoint;
  private final Map<String, Job> running = new ConcurrentHashMap<>();

  private record Job(FutureTask<Void> task, AtomicBoolean cancelled) {}

  public LocalWorker(
      String id,
      WorkerType type,
      OperationsService ops,
      DatasetCatalog datasets,
      ExecutorService threads,
      JobCheckpoint checkpoint) {
    this(id, type, JobReports.of(ops), datasets, threads, checkpoint);
  }

  /**
   * A worker whose jobs report through {@code reports}: the backend's store, or the backend's HTTP
   * API from a worker process on another machine.
   */
  public LocalWorker(
      String id,
      WorkerType type,
      JobReports ops,
      DatasetCatalog datasets,
      ExecutorService threads,
      JobCheckpoint checkpoint) {
    this.id = id;
    this.type = type;
    this.ops = ops;
    this.datasets = datasets;
    this.threads = threads;
    this.checkpoint = checkpoint;
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
    AtomicBoolean cancelled = new AtomicBoolean();
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              try {
                run(operation, CancelSignal.of(cancelled));
              } finally {
                running.remove(opId);
                onEnd.run();
              }
              return null;
            });
    running.put(opId, new Job(task, cancelled)); // before execute: a quick job removes it after
    threads.execute(task);
  }

  @Override
  public void cancel(String operationId) {
    Job job = running.remove(operationId);
    if (job != null) {
      job.cancelled().set(true);
      job.task().cancel(true);
    }
  }

  private void run(Operation op, CancelSignal cancel) {
    String opId = op.operationId();
    if (!ops.start(opId)) {
      return; // cancelled before it began
    }
    JobProgress progress = (pct, step) -> ops.progress(opId, pct, step);
    try {
      Map<String, Object> result =
          type == WorkerType.TRAINING
              ? train(op, cancel, progress)
              : backtest(op, cancel, progress);
      ops.complete(opId, result); // refused if the operation was cancelled meanwhile
    } catch (ResearchCancelledException e) {
      // Logged so that a stop is visible from outside the process (end-to-end tests).
      log.info("Local worker {} stopped {} on its cancel ({})", id, opId, e.getMessage());
    } catch (NotEnoughDataException
        | UnknownDatasetException
        | SpecValidationException
        | IllegalArgumentException e) {
      log.info("Local worker {} could not run {}: {}", id, opId, e.getMessage());
      ops.fail(opId, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("Local worker {} failed on {}: {}", id, opId, e.toString(), e);
      ops.fail(opId, "Worker error: " + e);
    }
  }

  private Map<String, Object> train(Operation op, CancelSignal cancel, JobProgress progress) {
    StrategySpec spec = spec(op);
    Dataset dataset = dataset(op, spec);
    boolean[] checked = {false};
    return TrainingJob.run(
        dataset,
        spec,
        cancel,
        progress,
        (epoch, epochs, loss) -> {
          if (!checked[0]) {
            checked[0] = true;
            checkpoint.reached(op, type, cancel);
          }
        });
  }

  private Map<String, Object> backtest(Operation op, CancelSignal cancel, JobProgress progress) {
    StrategySpec spec = spec(op);
    Dataset dataset = dataset(op, spec);
    FittedModel model = model(op);
    checkpoint.reached(op, type, cancel);
    return BacktestJob.run(
        dataset, spec, model, BacktestConfig.DEFAULT_COMMISSION, cancel, progress);
  }

  @SuppressWarnings("unchecked")
  private static StrategySpec spec(Operation op) {
    Object spec = op.parameters().get(ResearchParameters.STRATEGY_SPEC);
    if (!(spec instanceof Map)) {
      throw new IllegalArgumentException(
          "this research has no strategy spec to "
              + (op.operationType() == OperationType.TRAINING ? "train" : "backtest")
              + ": it was designed with USE_STUB_WORKERS=true; trigger a new research");
    }
    return StrategySpecs.fromMap((Map<String, Object>) spec);
  }

  private Dataset dataset(Operation op, StrategySpec spec) {
    String id = op.param(ResearchParameters.DATASET_ID);
    return datasets.get(id == null ? spec.dataset() : id);
  }

  @SuppressWarnings("unchecked")
  private FittedModel model(Operation op) {
    String trainingId = op.param(ResearchParameters.TRAINING_OP_ID);
    Operation training = trainingId == null ? null : ops.find(trainingId).orElse(null);
    Object model =
        training == null || training.resultSummary() == null
            ? null
            : training.resultSummary().get(TrainingResult.MODEL);
    if (!(model instanceof Map)) {
      throw new IllegalArgumentException(
          "no fitted model to backtest: training operation "
              + trainingId
              + " has none; trigger a new research");
    }
    return FittedModel.fromMap((Map<String, Object>) model);
  }
}
