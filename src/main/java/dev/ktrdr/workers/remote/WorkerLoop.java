package dev.ktrdr.workers.remote;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.research.data.DatasetCatalog;
import dev.ktrdr.research.model.TrainingResult;
import dev.ktrdr.workers.JobReports;
import dev.ktrdr.workers.Worker;
import dev.ktrdr.workers.WorkerType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process's side ({@code ktrdr worker}): registers with the backend, long-polls for jobs
 * and cancels, and runs each job on the same {@link Worker} code the backend runs locally ({@code
 * LocalWorker}'s training and backtests, or stub phases), whose reports go back over the {@link
 * Backend}.
 *
 * <p>When the backend cannot be reached (it restarts) the jobs go on; their results wait here and
 * are sent once it answers again, after the worker registered again reporting what it runs. A job
 * the backend no longer wants (cancelled, its research ended, or lost and failed meanwhile) is
 * stopped. A cancel interrupts the job's thread at once: it ends within milliseconds.
 */
public final class WorkerLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);
  private static final Duration RETRY = Duration.ofMillis(500);

  private final Backend backend;
  private final WorkerType type;
  private final int capacity;
  private final Worker worker;
  private final Map<String, RemoteJob> running = new ConcurrentHashMap<>();
  private final Map<String, Instant> stopping = new ConcurrentHashMap<>();
  private final Map<String, Finished> unsent = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> trainings = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile String workerId;
  private volatile boolean registered;
  private volatile boolean closed;
  private volatile Thread thread;
  private volatile String refusal;
  private volatile Consumer<Registration> onRegistered = r -> {};

  private record Finished(Map<String, Object> result, String error) {}

  /**
   * A loop for a worker of {@code type} and {@code capacity} named {@code requestedId} (null: the
   * backend names it); {@code workers} makes the worker that runs the jobs, given where to report
   * and where to read datasets.
   */
  public WorkerLoop(
      Backend backend,
      WorkerType type,
      int capacity,
      String requestedId,
      BiFunction<JobReports, DatasetCatalog, Worker> workers) {
    this.backend = backend;
    this.type = type;
    this.capacity = capacity;
    this.workerId = requestedId;
    this.worker = workers.apply(new Reports(), new DatasetCatalog(new BackendDatasets(backend)));
  }

  /** Starts the loop on its own thread; returns at once. */
  public WorkerLoop start() {
    Thread t = new Thread(this::run, "ktrdr-worker-loop");
    t.setDaemon(true);
    thread = t;
    t.start();
    return this;
  }

  /** The id the backend knows this worker by (null before the first registration). */
  public String workerId() {
    return registered ? workerId : null;
  }

  /** Called on the loop's thread after every registration (the first, and after a restart). */
  public WorkerLoop onRegistered(Consumer<Registration> listener) {
    this.onRegistered = listener;
    return this;
  }

  /**
   * Waits until the loop has stopped (closed, or refused by the backend) and returns the refusal,
   * or null.
   */
  public String awaitStopped() throws InterruptedException {
    stopped.await();
    return refusal;
  }

  /** Operation ids of the jobs running now (or finished with their result not yet taken). */
  public Set<String> running() {
    Set<String> out = new LinkedHashSet<>(running.keySet());
    out.addAll(unsent.keySet());
    return out;
  }

  /** Operation ids of finished jobs whose report the backend has not taken yet (it is down). */
  public Set<String> unsent() {
    return Set.copyOf(unsent.keySet());
  }

  /** True when registered and running nothing. */
  public boolean isIdle() {
    return registered && running.isEmpty() && unsent.isEmpty();
  }

  private void run() {
    boolean reachable = true;
    while (!closed) {
      try {
        if (!registered) {
          register();
        }
        flushResults();
        Assignment a = backend.poll(workerId, new ArrayList<>(running()));
        a.cancels().forEach(op -> stop(op, "cancelled by the backend"));
        a.jobs().forEach(this::begin);
        if (!reachable) {
          log.info("Backend reachable again");
          reachable = true;
        }
      } catch (UnknownWorkerException e) {
        log.info("The backend does not know worker {}: registering again", workerId);
        registered = false;
      } catch (BackendRefusedException e) {
        log.error("The backend refused this worker: {}", e.getMessage());
        refusal = e.getMessage();
        closed = true;
      } catch (IOException | RuntimeException e) {
        if (closed) {
          break;
        }
        if (reachable) {
          log.warn(
              "Backend unreachable ({}); {} job(s) keep running, retrying every {} ms",
              e.getMessage(),
              running().size(),
              RETRY.toMillis());
          reachable = false;
        }
        // Still registered: a backend that restarted says so with a 404 (UnknownWorkerException)
        // and the loop registers again then. Registering again on a mere dropped connection would
        // be refused while this worker's session is still live there, and end the loop for good.
        pause(RETRY);
      }
    }
    stopped.countDown();
  }

  private void register() throws IOException {
    Registration r = backend.register(workerId, type, capacity, new ArrayList<>(running()));
    workerId = r.workerId();
    registered = true;
    for (String op : r.stop()) {
      unsent.remove(op);
      stop(op, "no longer wanted by the backend");
    }
    log.info(
        "Registered with the backend as {} ({} x{}, lease {} s){}",
        workerId,
        type.wire(),
        capacity,
        r.lease().toSeconds(),
        r.reclaimed().isEmpty() ? "" : "; still running " + r.reclaimed());
    onRegistered.accept(r);
  }

  private void begin(RemoteJob job) {
    String opId = job.operationId();
    if (running.putIfAbsent(opId, job) != null) {
      return;
    }
    if (job.trainingResult() != null) {
      String trainingId = String.valueOf(job.parameters().get("training_op_id"));
      trainings.put(trainingId, job.trainingResult());
    }
    log.info("Starting {} {} of research {}", type.wire(), opId, job.researchId());
    Instant now = Instant.now();
    Operation op =
        new Operation(
            opId,
            job.researchId(),
            type.operationType(),
            OperationStatus.RUNNING,
            now,
            now,
            null,
            0,
            null,
            job.parameters(),
            null,
            null);
    worker.start(op, () -> ended(opId));
  }

  private void ended(String opId) {
    RemoteJob job = running.remove(opId);
    if (job != null && job.trainingResult() != null) {
      trainings.remove(String.valueOf(job.parameters().get("training_op_id")));
    }
    Instant asked = stopping.remove(opId);
    if (asked != null) {
      log.info(
          "Stopped {} {} ms after its cancel; worker idle: {}",
          opId,
          Duration.between(asked, Instant.now()).toMillis(),
          running.isEmpty());
    }
  }

  private void stop(String opId, String why) {
    if (running.containsKey(opId)) {
      stopping.put(opId, Instant.now());
      log.info("Stopping {}: {}", opId, why);
      worker.cancel(opId);
    }
  }

  private void flushResults() {
    for (String op : List.copyOf(unsent.keySet())) {
      send(op);
    }
  }

  /** Sends a finished job's report; keeps it when the backend cannot be reached. */
  private void send(String opId) {
    Finished f = unsent.get(opId);
    if (f == null || !registered) {
      return;
    }
    try {
      Outcome o = backend.finish(workerId, opId, f.result(), f.error());
      unsent.remove(opId, f);
      if (o.accepted()) {
        log.info("{} {} reported: {}", opId, f.error() == null ? "result" : "failure", o.message());
      } else {
        log.info("{} result refused: {}", opId, o.message());
      }
    } catch (UnknownWorkerException e) {
      registered = false; // the loop registers again and sends it then
    } catch (IOException | RuntimeException e) {
      log.debug("Result of {} kept for later: {}", opId, e.toString());
    }
  }

  private void pause(Duration d) {
    try {
      stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /** Stops polling and the jobs (they are not reported: the backend fails them when lost). */
  @Override
  public void close() {
    closed = true;
    stopped.countDown();
    for (String op : List.copyOf(running.keySet())) {
      worker.cancel(op);
    }
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Where the jobs report: over the backend, conditional on the job still being wanted. */
  private final class Reports implements JobReports {
    @Override
    public boolean start(String operationId) {
      return running.containsKey(operationId) && !stopping.containsKey(operationId);
    }

    @Override
    public void progress(String operationId, double percent, String step) {
      if (!registered) {
        return; // best effort: the next report carries newer progress
      }
      try {
        if (!backend.progress(workerId, operationId, percent, step)) {
          stop(operationId, "the backend no longer wants it");
        }
      } catch (UnknownWorkerException e) {
        registered = false;
      } catch (IOException | RuntimeException e) {
        log.debug("Progress of {} not sent: {}", operationId, e.toString());
      }
    }

    @Override
    public void complete(String operationId, Map<String, Object> result) {
      finish(operationId, new Finished(result, null));
    }

    @Override
    public void fail(String operationId, String error) {
      finish(operationId, new Finished(null, error));
    }

    private void finish(String operationId, Finished f) {
      if (stopping.containsKey(operationId)) {
        return; // cancelled: nothing to report
      }
      unsent.put(operationId, f);
      send(operationId);
    }

    @Override
    public Optional<Operation> find(String operationId) {
      Map<String, Object> training = trainings.get(operationId);
      if (training == null) {
        return Optional.empty();
      }
      Instant now = Instant.now();
      return Optional.of(
          new Operation(
              operationId,
              null,
              WorkerType.TRAINING.operationType(),
              OperationStatus.COMPLETED,
              now,
              now,
              now,
              100,
              null,
              Map.of(),
              null,
              training.containsKey(TrainingResult.MODEL)
                  ? training
                  : Map.of())); // no model: the backtest says so clearly
    }
  }
}
