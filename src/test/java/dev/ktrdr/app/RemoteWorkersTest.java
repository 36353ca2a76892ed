package dev.ktrdr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.api.ApiServer;
import dev.ktrdr.config.Settings;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.testing.TestEngine;
import dev.ktrdr.workers.WorkerType;
import dev.ktrdr.workers.remote.Assignment;
import dev.ktrdr.workers.remote.Backend;
import dev.ktrdr.workers.remote.Outcome;
import dev.ktrdr.workers.remote.Registration;
import dev.ktrdr.workers.remote.RemoteWorkers;
import dev.ktrdr.workers.remote.WorkerLoop;
import dev.ktrdr.workers.stub.StubTiming;
import dev.ktrdr.workers.stub.StubWorker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote workers against a real backend (engine + HTTP API on a free port) in this JVM: worker
 * loops talk to it over HTTP exactly as {@code ktrdr worker} does, running stub phases whose holds
 * the test releases. The backend has no workers of its own.
 */
class RemoteWorkersTest {
  private static final Duration WAIT = TestEngine.WAIT;

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final ExecutorService jobThreads = Executors.newCachedThreadPool();

  /** Researches whose held stub phases may end. */
  private final Set<String> released = ConcurrentHashMap.newKeySet();

  private TestEngine engine;
  private ApiServer api;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    if (api != null) {
      stopBackend(); // no backend outlives its test: its lease sweep would log into the next one
    }
    jobThreads.shutdownNow();
  }

  private static Settings settings(Duration lease) {
    return TestEngine.instantSettings().withWorkers(0, 0).withWorkerLease(lease);
  }

  private void startBackend(Settings s, int port) {
    engine = TestEngine.start(dir.resolve("remote.db"), s);
    api =
        ApiServer.start(
            engine.agent(),
            engine.ops(),
            engine.runtime().data(),
            engine.runtime().remoteWorkers(),
            null,
            port,
            s.apiAccess());
    engine.agent().resumeIfNeeded();
  }

  private void stopBackend() {
    api.close();
    engine.close();
    api = null;
    engine = null;
  }

  private String url() {
    return "http://127.0.0.1:" + api.port();
  }

  private WorkerLoop worker(String name, WorkerType type) {
    return worker(name, type, new HttpBackend(url(), null));
  }

  private WorkerLoop worker(String name, WorkerType type, Backend backend) {
    StubTiming timing = new StubTiming(Duration.ofMillis(100));
    WorkerLoop loop =
        new WorkerLoop(
            backend,
            type,
            1,
            name,
            (reports, datasets) ->
                new StubWorker(
                    name,
                    type,
                    reports,
                    timing,
                    jobThreads,
                    op -> released.contains(op.parentOperationId())));
    open.add(loop);
    loop.start();
    await().atMost(WAIT).until(loop::isIdle);
    return loop;
  }

  private int total(WorkerType t) {
    return engine.runtime().workers().total(t);
  }

  @Test
  void remoteWorkersRunTheWorkerPhasesAndCountTowardCapacity() throws Exception {
    startBackend(settings(Duration.ofSeconds(15)), 0);
    assertThat(engine.agent().concurrencyLimit()).isEqualTo(1); // no workers: max(1, 0 + 0 + 1)
    worker("trainer", WorkerType.TRAINING);
    worker("tester", WorkerType.BACKTESTING);
    assertThat(total(WorkerType.TRAINING)).isEqualTo(1);
    assertThat(total(WorkerType.BACKTESTING)).isEqualTo(1);
    assertThat(engine.agent().concurrencyLimit()).isEqualTo(3); // follows the live workers
    assertThat(engine.agent().workers())
        .extracting(w -> w.workerId())
        .containsExactlyInAnyOrder("trainer:1", "tester:1");

    String id = engine.trigger("remote research");
    engine.awaitStatus(id, OperationStatus.COMPLETED);

    for (Operation child : engine.ops().children(id)) {
      assertThat(child.status()).isEqualTo(OperationStatus.COMPLETED);
    }
    String training = engine.childOf(id, Phase.TRAINING);
    assertThat(engine.ops().history(training, 50))
        .anyMatch(e -> (RemoteWorkers.HANDED_OUT + "trainer").equals(e.message()));
  }

  @Test
  void aDroppedConnectionDoesNotCostTheWorkerItsRegistration() {
    startBackend(settings(Duration.ofSeconds(15)), 0);
    DroppingBackend dropping = new DroppingBackend(new HttpBackend(url(), null));
    WorkerLoop trainer = worker("trainer", WorkerType.TRAINING, dropping);
    worker("tester", WorkerType.BACKTESTING);

    dropping.dropNextPoll();
    await()
        .atMost(WAIT)
        .until(() -> dropping.pollsAfterTheDrop.get() > 0 || dropping.registrations.get() > 1);

    // The backend still holds this worker's session: registering again would be refused (the id
    // is live) and end the worker's loop. It polls on under the registration it has.
    assertThat(dropping.registrations.get()).isEqualTo(1);
    assertThat(trainer.workerId()).isEqualTo("trainer");
    String id = engine.trigger("after a dropped connection");
    released.add(id);
    engine.awaitStatus(id, OperationStatus.COMPLETED);
  }

  @Test
  void aJobWhoseReplyWasLostIsSentAgainAndItsResearchCompletes() {
    startBackend(settings(Duration.ofSeconds(15)), 0);
    DroppingBackend dropping = new DroppingBackend(new HttpBackend(url(), null));
    worker("trainer", WorkerType.TRAINING, dropping);
    worker("tester", WorkerType.BACKTESTING);
    dropping.loseNextJobReply();

    String id = engine.trigger("its job's reply is lost");
    released.add(id);

    // The backend handed the training out (it is running there); the worker never saw it. Its
    // next poll says what it runs, the backend sends the job again, and the research goes on.
    engine.awaitStatus(id, OperationStatus.COMPLETED);
    String child = engine.childOf(id, Phase.TRAINING);
    assertThat(dropping.lostJobs).containsExactly(child);
    assertThat(engine.status(child)).isEqualTo(OperationStatus.COMPLETED);
    assertThat(engine.runtime().workers().busy(WorkerType.TRAINING)).isZero();
  }

  @Test
  void aCancelReachesTheRemoteWorkerAndItsJobEnds() {
    startBackend(settings(Duration.ofSeconds(15)), 0);
    WorkerLoop trainer = worker("trainer", WorkerType.TRAINING);
    worker("tester", WorkerType.BACKTESTING);
    String id = engine.trigger("cancel me INJECT_HOLD:training");
    Operation research = engine.awaitRunningChild(id, "training");
    String child = TestEngine.childIdOf(research);
    await().atMost(WAIT).until(() -> trainer.running().contains(child));

    engine.agent().cancel(id, "test", dev.ktrdr.agent.CancelSource.API);

    // The backend's slot is free at once; the worker's job thread ends on the cancel it is sent.
    assertThat(engine.workerFree(child)).isTrue();
    await().atMost(WAIT).until(trainer::isIdle);
    assertThat(engine.status(child)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.status(id)).isEqualTo(OperationStatus.CANCELLED);
  }

  @Test
  void aWorkerThatGoesSilentIsLostWithinItsLease() throws Exception {
    startBackend(settings(Duration.ofSeconds(1)), 0);
    worker("trainer", WorkerType.TRAINING);
    WorkerLoop tester = worker("tester", WorkerType.BACKTESTING);
    String id = engine.trigger("lose me INJECT_HOLD:backtest");
    engine.awaitRunningChild(id, "backtesting");
    String child = engine.childOf(id, Phase.BACKTESTING);

    tester.close(); // it never calls again, as if killed

    engine.awaitStatus(id, OperationStatus.FAILED);
    assertThat(engine.get(child).errorMessage()).startsWith("worker lost: tester");
    assertThat(engine.get(id).errorMessage()).contains("worker lost: tester");
    assertThat(total(WorkerType.BACKTESTING)).isZero();
    assertThat(engine.runtime().workers().busy(WorkerType.TRAINING)).isZero();
  }

  @Test
  void aResultForACancelledPhaseIsRefused() {
    startBackend(settings(Duration.ofSeconds(3)), 0); // an empty poll answers within 1 s
    RemoteWorkers remote = engine.runtime().remoteWorkers();
    Registration r = remote.register("hand", WorkerType.TRAINING, 1, List.of(), "test");
    String id = engine.trigger("late result");
    await().atMost(WAIT).until(() -> engine.childOf(id, Phase.TRAINING) != null);
    var jobs = remote.poll(r.workerId(), null).join().jobs();
    assertThat(jobs).hasSize(1);
    String child = jobs.get(0).operationId();
    assertThat(engine.status(child)).isEqualTo(OperationStatus.RUNNING);

    engine.agent().cancel(id, "test", dev.ktrdr.agent.CancelSource.API);
    Outcome late = remote.finish(r.workerId(), child, Map.of("accuracy", 0.9), null);

    assertThat(late.accepted()).isFalse();
    assertThat(engine.status(child)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(remote.poll(r.workerId(), null).join().cancels()).containsExactly(child);
  }

  @Test
  void aPhaseOfACancelledResearchIsNeverHandedOut() {
    startBackend(settings(Duration.ofSeconds(3)), 0); // an empty poll answers within 1 s
    RemoteWorkers remote = engine.runtime().remoteWorkers();
    Registration r = remote.register("hand", WorkerType.TRAINING, 1, List.of(), "test");
    String id = engine.trigger("never run");
    await().atMost(WAIT).until(() -> engine.childOf(id, Phase.TRAINING) != null);
    engine.agent().cancel(id, "test", dev.ktrdr.agent.CancelSource.API); // before the worker polls

    var a = remote.poll(r.workerId(), null).join();

    assertThat(a.jobs()).isEmpty();
    assertThat(engine.status(engine.childOf(id, Phase.TRAINING)))
        .isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.runtime().workers().busy(WorkerType.TRAINING)).isZero();
  }

  @Test
  void afterABackendRestartTheWorkerReclaimsItsJobAndFinishesIntoTheSameResearch()
      throws Exception {
    startBackend(settings(Duration.ofSeconds(15)), 0);
    int port = api.port();
    WorkerLoop trainer = worker("trainer", WorkerType.TRAINING);
    worker("tester", WorkerType.BACKTESTING);
    String id = engine.trigger("survive a restart INJECT_HOLD:training");
    engine.awaitRunningChild(id, "training");
    String child = engine.childOf(id, Phase.TRAINING);
    await().atMost(WAIT).until(() -> trainer.running().contains(child));

    stopBackend();
    startBackend(settings(Duration.ofSeconds(15)), port);

    // Not orphaned at start-up: the child waits for its worker, which comes back for it.
    assertThat(engine.status(child)).isEqualTo(OperationStatus.RUNNING);
    await().atMost(WAIT).until(() -> engine.runtime().workers().isRunning(child));
    released.add(id);

    engine.awaitStatus(id, OperationStatus.COMPLETED);
    assertThat(engine.status(child)).isEqualTo(OperationStatus.COMPLETED);
    assertThat(engine.ops().children(id))
        .filteredOn(o -> o.operationType() == OperationType.TRAINING)
        .hasSize(1); // no second run
  }

  @Test
  void aResultFinishedWhileTheBackendIsDownIsSentOnceItIsBack() {
    startBackend(settings(Duration.ofSeconds(15)), 0);
    int port = api.port();
    WorkerLoop trainer = worker("trainer", WorkerType.TRAINING);
    worker("tester", WorkerType.BACKTESTING);
    String id = engine.trigger("finish while the backend is down INJECT_HOLD:training");
    engine.awaitRunningChild(id, "training");
    String child = engine.childOf(id, Phase.TRAINING);
    await().atMost(WAIT).until(() -> trainer.running().contains(child));

    stopBackend();
    released.add(id); // the job ends while nobody listens: its result waits in the worker
    await().atMost(WAIT).until(() -> trainer.unsent().contains(child));
    startBackend(settings(Duration.ofSeconds(15)), port);

    engine.awaitStatus(id, OperationStatus.COMPLETED);
    assertThat(engine.status(child)).isEqualTo(OperationStatus.COMPLETED);
    assertThat(trainer.unsent()).isEmpty();
    assertThat(engine.ops().children(id))
        .filteredOn(o -> o.operationType() == OperationType.TRAINING)
        .hasSize(1);
  }

  @Test
  void aJobWhoseWorkerNeverComesBackFailsOneLeaseAfterTheRestart() {
    startBackend(settings(Duration.ofSeconds(1)), 0);
    WorkerLoop trainer = worker("trainer", WorkerType.TRAINING);
    String id = engine.trigger("orphaned by a restart INJECT_HOLD:training");
    engine.awaitRunningChild(id, "training");
    String child = engine.childOf(id, Phase.TRAINING);
    await().atMost(WAIT).until(() -> trainer.running().contains(child));
    trainer.close();

    stopBackend();
    startBackend(settings(Duration.ofSeconds(1)), 0);

    engine.awaitStatus(id, OperationStatus.FAILED);
    assertThat(engine.get(child).errorMessage())
        .isEqualTo("worker lost: trainer (did not reconnect within 1 s of the backend's restart)");
  }

  /** The real backend, except that the next poll fails as a dropped connection would. */
  private static final class DroppingBackend implements Backend {
    private final Backend real;
    private final AtomicBoolean drop = new AtomicBoolean();
    private final AtomicBoolean dropped = new AtomicBoolean();
    final AtomicInteger registrations = new AtomicInteger();
    final AtomicInteger pollsAfterTheDrop = new AtomicInteger();
    private final AtomicBoolean loseJobReply = new AtomicBoolean();
    final List<String> lostJobs = new java.util.concurrent.CopyOnWriteArrayList<>();

    DroppingBackend(Backend real) {
      this.real = real;
    }

    void dropNextPoll() {
      drop.set(true);
    }

    @Override
    public Registration register(
        String workerId, WorkerType type, int capacity, List<String> running) throws IOException {
      registrations.incrementAndGet();
      return real.register(workerId, type, capacity, running);
    }

    /** The next reply that carries a job is lost on its way: the worker never sees the job. */
    void loseNextJobReply() {
      loseJobReply.set(true);
    }

    @Override
    public Assignment poll(String workerId, List<String> running) throws IOException {
      if (drop.compareAndSet(true, false)) {
        dropped.set(true);
        throw new IOException("connection reset (dropped by the test)");
      }
      if (dropped.get()) {
        pollsAfterTheDrop.incrementAndGet();
      }
      Assignment a = real.poll(workerId, running);
      if (!a.jobs().isEmpty() && loseJobReply.compareAndSet(true, false)) {
        a.jobs().forEach(j -> lostJobs.add(j.operationId()));
        throw new IOException("the reply was lost on its way (by the test)");
      }
      return a;
    }

    @Override
    public boolean progress(String workerId, String operationId, double percent, String step)
        throws IOException {
      return real.progress(workerId, operationId, percent, step);
    }

    @Override
    public Outcome finish(
        String workerId, String operationId, Map<String, Object> result, String error)
        throws IOException {
      return real.finish(workerId, operationId, result, error);
    }

    @Override
    public Optional<Dataset> dataset(String id) throws IOException {
      return real.dataset(id);
    }
  }
}
