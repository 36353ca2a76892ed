package dev.ktrdr.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.config.EnvVar;
import dev.ktrdr.config.Settings;
import dev.ktrdr.workers.WorkerType;
import dev.ktrdr.workers.local.JobCheckpoint;
import dev.ktrdr.workers.local.LocalWorker;
import dev.ktrdr.workers.remote.WorkerLoop;
import dev.ktrdr.workers.stub.StubTiming;
import dev.ktrdr.workers.stub.StubWorker;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ktrdr worker}: runs training or backtests for a backend on another machine. Registers over
 * the backend's HTTP API, long-polls for jobs and cancels, and runs the same code as the backend's
 * local workers (or stub phases with {@code USE_STUB_WORKERS=true}). Runs until stopped; a stop
 * (Ctrl-C) abandons the running jobs, which the backend fails once the worker's lease runs out.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Run training or backtests for a ktrdr backend (on this or another machine).")
public final class WorkerCommand implements java.util.concurrent.Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

  @Option(
      names = "--type",
      required = true,
      paramLabel = "TYPE",
      description = "training or backtesting")
  String type;

  @Option(
      names = "--capacity",
      paramLabel = "N",
      defaultValue = "1",
      description = "Jobs run at once (1-64; default 1: each job keeps one core busy)")
  int capacity;

  @Option(
      names = "--backend",
      paramLabel = "URL",
      description = "The backend's API (default $KTRDR_API_URL or http://localhost:8000)")
  String backend;

  @Option(
      names = "--name",
      paramLabel = "ID",
      description = "This worker's id (default: host name and process id)")
  String name;

  @Option(names = "--json", description = "Print the registration as JSON")
  boolean json;

  // For end-to-end tests: an INJECT_HOLD stub phase also ends once a file named after its
  // research appears in this directory, so a test lets it finish when it chooses.
  @Option(names = "--hold-release-dir", hidden = true)
  Path holdReleaseDir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Settings settings = Settings.fromEnvironment();
    WorkerType workerType =
        switch (type.toLowerCase(Locale.ROOT)) {
          case "training" -> WorkerType.TRAINING;
          case "backtesting", "backtest" -> WorkerType.BACKTESTING;
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(),
                  "Invalid --type '" + type + "': expected training or backtesting");
        };
    if (capacity < 1 || capacity > 64) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --capacity " + capacity + ": expected 1 to 64");
    }
    String url = backend != null ? backend : settings.apiUrl();
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --backend '" + url + "': expected an http:// URL");
    }
    String id = name != null ? name : defaultName();
    String token = System.getenv(EnvVar.KTRDR_API_TOKEN.name());
    ExecutorService threads = Executors.newCachedThreadPool(named());
    StubTiming timing = new StubTiming(settings.stubDelay());
    boolean stubs = settings.useStubWorkers();
    Path release = holdReleaseDir;
    WorkerLoop loop =
        new WorkerLoop(
            new HttpBackend(url, token == null || token.isBlank() ? null : token.strip()),
            workerType,
            capacity,
            id,
            (reports, datasets) ->
                stubs
                    ? new StubWorker(
                        id,
                        workerType,
                        reports,
                        timing,
                        threads,
                        release == null
                            ? StubWorker.NEVER_RELEASED
                            : op ->
                                op.parentOperationId() != null
                                    && Files.exists(release.resolve(op.parentOperationId())))
                    : new LocalWorker(
                        id, workerType, reports, datasets, threads, JobCheckpoint.BRIEF_HOLDS));
    AtomicBoolean announced = new AtomicBoolean();
    loop.onRegistered(
        r -> {
          if (announced.compareAndSet(false, true)) {
            announce(r.workerId(), url, workerType, r.lease().toSeconds(), stubs);
          }
        });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("Worker {} stopping (its running jobs are abandoned)", id);
                  loop.close();
                  threads.shutdownNow();
                },
                "ktrdr-worker-shutdown"));
    log.info("Worker {} starting: {} x{} for {}", id, workerType.wire(), capacity, url);
    loop.start();
    String refusal = loop.awaitStopped();
    if (refusal != null) {
      System.err.println("ktrdr worker: the backend refused this worker: " + refusal);
      return 1;
    }
    return 0;
  }

  private void announce(String id, String url, WorkerType t, long lease, boolean stubs) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("worker_id", id);
      m.put("backend", url);
      m.put("worker_type", t.wire());
      m.put("capacity", capacity);
      m.put("lease_seconds", lease);
      m.put("stub", stubs);
      try {
        System.out.println(new ObjectMapper().writeValueAsString(m));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      System.out.println(
          "Worker "
              + id
              + " registered with "
              + url
              + ": "
              + t.wire()
              + " x"
              + capacity
              + (stubs ? " (stub phases)" : "")
              + ", lease "
              + lease
              + " s");
    }
    System.out.flush();
  }

  private static String defaultName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "worker";
    }
    String clean = host.replaceAll("[^A-Za-z0-9._-]", "-");
    if (clean.isEmpty() || !Character.isLetterOrDigit(clean.charAt(0))) {
      clean = "w" + clean;
    }
    String id = clean + "-" + ProcessHandle.current().pid();
    return id.length() > 64 ? id.substring(id.length() - 64) : id;
  }

  private static java.util.concurrent.ThreadFactory named() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "ktrdr-job-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
