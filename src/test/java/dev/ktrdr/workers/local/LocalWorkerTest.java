package dev.ktrdr.workers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.db.Database;
import dev.ktrdr.db.SqlDatasetStore;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.ResearchParameters;
import dev.ktrdr.operations.SqlOperationStore;
import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.data.DatasetCatalog;
import dev.ktrdr.research.strategy.StrategySpec;
import dev.ktrdr.workers.WorkerRegistry;
import dev.ktrdr.workers.WorkerType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local worker on a real database: it reads its inputs from its operation, reports into it,
 * completes it with the real result, fails it with a clear message, and on a cancel stops its
 * thread and frees itself at once, writing nothing.
 */
class LocalWorkerTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Database db;
  private OperationsService ops;
  private DatasetCatalog catalog;
  // No idle threads kept: a job's thread ends when its job does, so a test can watch it end.
  private final ThreadPoolExecutor threads =
      new ThreadPoolExecutor(0, 8, 0, TimeUnit.MILLISECONDS, new SynchronousQueue<>());

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("w.db"));
    ops = new OperationsService(new SqlOperationStore(db), Clock.systemUTC());
    catalog = new DatasetCatalog(new SqlDatasetStore(db));
  }

  @AfterEach
  void close() throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
    db.close();
  }

  private WorkerRegistry registry(JobCheckpoint checkpoint) {
    WorkerRegistry r = new WorkerRegistry();
    r.register(new LocalWorker("t-1", WorkerType.TRAINING, ops, catalog, threads, checkpoint));
    r.register(new LocalWorker("b-1", WorkerType.BACKTESTING, ops, catalog, threads, checkpoint));
    return r;
  }

  private Operation job(OperationType type, StrategySpec spec, String dataset, String training) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(ResearchParameters.BRIEF, "RSI");
    if (spec != null) {
      p.put(ResearchParameters.STRATEGY_SPEC, spec.toMap());
    }
    if (dataset != null) {
      p.put(ResearchParameters.DATASET_ID, dataset);
    }
    if (training != null) {
      p.put(ResearchParameters.TRAINING_OP_ID, training);
    }
    return ops.create(type, null, p);
  }

  private Operation awaitEnded(String id) {
    await().atMost(WAIT).until(() -> !ops.get(id).orElseThrow().isActive());
    return ops.get(id).orElseThrow();
  }

  @Test
  @SuppressWarnings("unchecked")
  void trainsThenBacktestsThroughTheirOperations() {
    WorkerRegistry workers = registry(JobCheckpoint.NONE);
    StrategySpec spec = Specs.spec("RSI mean reversion", 5);
    Operation training = job(OperationType.TRAINING, spec, Specs.DATASET, null);
    workers.dispatch(WorkerType.TRAINING, training);
    Operation trained = awaitEnded(training.operationId());
    assertThat(trained.status()).isEqualTo(OperationStatus.COMPLETED);
    assertThat(trained.progressPercentage()).isEqualTo(100);
    assertThat(trained.currentStep()).startsWith("Epoch " + spec.model().epochs() + "/");
    assertThat((List<Double>) trained.resultSummary().get("loss_curve"))
        .hasSize(spec.model().epochs() + 1);
    await().atMost(WAIT).until(() -> workers.busy(WorkerType.TRAINING) == 0);

    Operation backtest =
        job(OperationType.BACKTESTING, spec, Specs.DATASET, training.operationId());
    workers.dispatch(WorkerType.BACKTESTING, backtest);
    Operation tested = awaitEnded(backtest.operationId());
    assertThat(tested.status()).isEqualTo(OperationStatus.COMPLETED);
    assertThat(tested.resultSummary())
        .containsKeys("sharpe_ratio", "win_rate", "max_drawdown", "equity_curve", "trades");
  }

  /** A checkpoint that holds the job until it is cancelled, then lets it go on into its work. */
  private static final class Gate implements JobCheckpoint {
    final CountDownLatch arrived = new CountDownLatch(1);
    final AtomicReference<Thread> thread = new AtomicReference<>();
    final AtomicBoolean sawCancel = new AtomicBoolean();

    @Override
    public void reached(Operation operation, WorkerType type, CancelSignal cancel) {
      thread.set(Thread.currentThread());
      arrived.countDown();
      // Returns (does not throw) once cancelled: the research code itself must then stop.
      await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(cancel::isCancelled);
      sawCancel.set(true);
    }
  }

  @Test
  void aCancelMidTrainingEndsTheThreadFreesTheWorkerAndWritesNothing() throws Exception {
    Gate gate = new Gate();
    WorkerRegistry workers = registry(gate);
    StrategySpec spec = Specs.withEpochs(Specs.spec("RSI", 5), 2000);
    Operation training = job(OperationType.TRAINING, spec, Specs.DATASET, null);
    workers.dispatch(WorkerType.TRAINING, training);
    String id = training.operationId();
    assertThat(gate.arrived.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ops.get(id).orElseThrow().status()).isEqualTo(OperationStatus.RUNNING);
    assertThat(workers.busy(WorkerType.TRAINING)).isEqualTo(1);

    // As the engine cancels: the status first, then the worker.
    ops.cancel(id, "Cancelled by user");
    assertThat(workers.cancel(id)).isTrue();
    assertThat(workers.busy(WorkerType.TRAINING)).as("free at once").isZero();

    Thread t = gate.thread.get();
    await().atMost(WAIT).until(() -> !t.isAlive());
    assertThat(gate.sawCancel).isTrue();
    Operation after = ops.get(id).orElseThrow();
    assertThat(after.status()).isEqualTo(OperationStatus.CANCELLED);
    assertThat(after.resultSummary()).as("no half-written result").isNull();
    assertThat(after.currentStep()).as("stopped after its first epoch").contains("Epoch 1/2000");
  }

  @Test
  void aCancelMidBacktestEndsTheThreadFreesTheWorkerAndWritesNothing() throws Exception {
    WorkerRegistry plain = registry(JobCheckpoint.NONE);
    StrategySpec spec = Specs.spec("RSI", 5);
    Operation training = job(OperationType.TRAINING, spec, Specs.DATASET, null);
    plain.dispatch(WorkerType.TRAINING, training);
    assertThat(awaitEnded(training.operationId()).status()).isEqualTo(OperationStatus.COMPLETED);

    Gate gate = new Gate();
    WorkerRegistry workers = registry(gate);
    Operation backtest =
        job(OperationType.BACKTESTING, spec, Specs.DATASET, training.operationId());
    String id = backtest.operationId();
    workers.dispatch(WorkerType.BACKTESTING, backtest);
    assertThat(gate.arrived.await(60, TimeUnit.SECONDS)).isTrue();
    ops.cancel(id, "Cancelled by user");
    assertThat(workers.cancel(id)).isTrue();
    assertThat(workers.busy(WorkerType.BACKTESTING)).isZero();
    Thread t = gate.thread.get();
    await().atMost(WAIT).until(() -> !t.isAlive());
    assertThat(ops.get(id).orElseThrow().resultSummary()).isNull();
    assertThat(ops.get(id).orElseThrow().status()).isEqualTo(OperationStatus.CANCELLED);
  }

  @Test
  void aJobWithoutASpecOrWithAnUnknownDatasetFailsWithAClearMessage() {
    WorkerRegistry workers = registry(JobCheckpoint.NONE);
    Operation noSpec = job(OperationType.TRAINING, null, Specs.DATASET, null);
    workers.dispatch(WorkerType.TRAINING, noSpec);
    Operation failed = awaitEnded(noSpec.operationId());
    assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(failed.errorMessage())
        .contains("no strategy spec to train")
        .contains("USE_STUB_WORKERS");

    await().atMost(WAIT).until(() -> workers.busy(WorkerType.TRAINING) == 0);
    Operation nowhere = job(OperationType.TRAINING, Specs.spec("RSI", 5), "nope-1d", null);
    workers.dispatch(WorkerType.TRAINING, nowhere);
    assertThat(awaitEnded(nowhere.operationId()).errorMessage())
        .contains("unknown dataset 'nope-1d'")
        .contains("aapl-1d");

    Operation noModel =
        job(OperationType.BACKTESTING, Specs.spec("RSI", 5), Specs.DATASET, "op_missing");
    workers.dispatch(WorkerType.BACKTESTING, noModel);
    assertThat(awaitEnded(noModel.operationId()).errorMessage())
        .contains("no fitted model to backtest");
  }
}
