package dev.ktrdr.bench;

import dev.ktrdr.agent.CancelSource;
import dev.ktrdr.api.ApiServer;
import dev.ktrdr.app.HttpBackend;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.testing.TestEngine;
import dev.ktrdr.workers.Worker;
import dev.ktrdr.workers.WorkerType;
import dev.ktrdr.workers.remote.WorkerLoop;
import dev.ktrdr.workers.stub.StubTiming;
import dev.ktrdr.workers.stub.StubWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * How long a cancel takes to stop a job on a remote worker (issue 11: within 200 ms): a backend
 * (engine + HTTP API on loopback) and a worker loop talking to it over HTTP as {@code ktrdr worker}
 * does, its training held (INJECT_HOLD) until cancelled. Measured from the call of {@code
 * AgentService.cancel} to the end of the job's thread on the worker: the database write, the wake
 * of the worker's waiting poll, the HTTP reply, the interrupt. Not a test; run it with
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ktrdr.bench.RemoteStopBench [-Dexec.args="ROUNDS"]</pre>
 */
public final class RemoteStopBench {
  private RemoteStopBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Path dir = Files.createTempDirectory("ktrdr-remote-stop");
    ExecutorService threads = Executors.newCachedThreadPool();
    LinkedBlockingQueue<Long> ends = new LinkedBlockingQueue<>();
    try (TestEngine engine =
        TestEngine.start(
            dir.resolve("bench.db"),
            TestEngine.instantSettings().withWorkers(0, 0).withMaxConcurrentResearches(1))) {
      ApiServer api =
          ApiServer.start(
              engine.agent(),
              engine.ops(),
              engine.runtime().data(),
              engine.runtime().remoteWorkers(),
              null,
              0,
              engine.settings().apiAccess());
      StubTiming timing = new StubTiming(Duration.ofMillis(50));
      try (WorkerLoop loop =
          new WorkerLoop(
                  new HttpBackend("http://127.0.0.1:" + api.port(), null),
                  WorkerType.TRAINING,
                  1,
                  "bench",
                  (reports, datasets) ->
                      timed(
                          new StubWorker(
                              "bench",
                              WorkerType.TRAINING,
                              reports,
                              timing,
                              threads,
                              StubWorker.NEVER_RELEASED),
                          ends))
              .start()) {
        List<Long> micros = new ArrayList<>();
        List<Long> calls = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          String id = engine.trigger("stop me INJECT_HOLD:training");
          engine.awaitRunningChild(id, "training");
          while (loop.running().isEmpty()) {
            Thread.onSpinWait();
          }
          long t0 = System.nanoTime();
          engine.agent().cancel(id, "bench", CancelSource.API);
          calls.add((System.nanoTime() - t0) / 1000);
          Long end = ends.poll(30, TimeUnit.SECONDS);
          if (end == null) {
            throw new IllegalStateException("round " + r + ": the remote job did not stop");
          }
          micros.add((end - t0) / 1000);
        }
        print("remote cancel -> job thread ended", micros);
        print("of which the cancel call (its commit) ", calls);
      } finally {
        api.close();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static void print(String what, List<Long> micros) {
    micros.sort(null);
    int n = micros.size();
    System.out.printf(
        "%s, %d rounds: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
        what,
        n,
        micros.get(n / 2) / 1000.0,
        micros.get(Math.min(n - 1, (int) Math.ceil(n * 0.95) - 1)) / 1000.0,
        micros.get(n - 1) / 1000.0);
  }

  /** {@code w}, whose jobs put the time they ended into {@code ends}. */
  private static Worker timed(Worker w, LinkedBlockingQueue<Long> ends) {
    return new Worker() {
      @Override
      public String id() {
        return w.id();
      }

      @Override
      public WorkerType type() {
        return w.type();
      }

      @Override
      public void start(Operation operation, Runnable onEnd) {
        w.start(
            operation,
            () -> {
              long t = System.nanoTime();
              onEnd.run();
              ends.add(t); // never blocks: the job's thread is interrupted by the cancel
            });
      }

      @Override
      public void cancel(String operationId) {
        w.cancel(operationId);
      }
    };
  }
}
