package dev.ktrdr.e2e;

import static dev.ktrdr.e2e.KtrdrProcess.WAIT;
import static dev.ktrdr.e2e.KtrdrProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktrdr.e2e.KtrdrProcess.Server;
import dev.ktrdr.e2e.KtrdrProcess.WorkerProcess;
import dev.ktrdr.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 item 5 on one machine, with the real jar: a backend (on SQLite, and on PostgreSQL
 * started from Maven Central binaries) with no workers of its own, a training and a backtest worker
 * process on loopback, three researches. One is cancelled mid-training on the remote worker, the
 * backend is restarted mid-run (the workers reconnect and their phases finish into the right
 * research), the backtest worker is killed with SIGKILL mid-backtest. Every acknowledged trigger
 * and cancel holds afterwards. Phases the test acts on are held with INJECT_HOLD (a release file
 * lets one of them finish when the test says).
 */
class RemoteWorkersIT {
  private static final Map<String, String> BACKEND =
      Map.of(
          "STUB_TRAINING_WORKERS", "0",
          "STUB_BACKTEST_WORKERS", "0",
          // short in the test, so that a lost worker is noticed quickly: the product default is 15
          "WORKER_LEASE_SECONDS", "3");

  @TempDir Path dir;

  /** The same story on both stores: SQLite on the backend's disk, and a PostgreSQL server. */
  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  void cancelRestartAndKillAcrossRemoteWorkers(String store) throws Exception {
    String db =
        store.equals("sqlite")
            ? dir.resolve("remote.db").toString()
            : TestPostgres.url(TestPostgres.freshDatabase());
    Path release = Files.createDirectories(dir.resolve("release"));
    List<AutoCloseable> open = new ArrayList<>();
    Server backend = Server.start(dir, db, BACKEND, "backend-1", 0);
    open.add(backend);
    int port = backend.port;
    String url = backend.url();
    try {
      WorkerProcess trainer = WorkerProcess.start(dir, url, "trainer", "training", 3, release);
      open.add(trainer);
      WorkerProcess tester = WorkerProcess.start(dir, url, "tester", "backtesting", 2, release);
      open.add(tester);
      assertThat(cli(url, "agent", "status").out()).contains("Workers: training 0/3, backtest 0/2");

      String r1 = cli(url, "agent", "trigger", "--brief", "one INJECT_HOLD:training").triggeredId();
      String r3 =
          cli(url, "agent", "trigger", "--brief", "three INJECT_HOLD:training").triggeredId();
      String r2 = cli(url, "agent", "trigger", "--brief", "two INJECT_HOLD:backtest").triggeredId();
      String c1 = awaitRunningChild(backend, r1, "training");
      String c3 = awaitRunningChild(backend, r3, "training");
      String c2 = awaitRunningChild(backend, r2, "backtesting");
      assertThat(heldBy(backend, c1)).startsWith("trainer:");
      assertThat(heldBy(backend, c2)).startsWith("tester:");

      // 1. Cancel r1 mid-training: the remote job stops, its slot is free.
      assertThat(cli(url, "agent", "cancel", r1).code()).isZero();
      assertThat(backend.status(r1)).isEqualTo("cancelled");
      assertThat(backend.status(c1)).isEqualTo("cancelled");
      assertThat(heldBy(backend, c1)).isNull();
      await().atMost(WAIT).until(() -> trainer.log().contains("Stopped " + c1));

      // 2. Restart the backend mid-run: both workers reconnect and keep their jobs.
      backend.stop();
      backend = Server.start(dir, db, BACKEND, "backend-2", port);
      open.add(backend);
      Server b2 = backend;
      assertThat(b2.status(c3))
          .as(
              "%s%n--- trainer ---%n%s%n--- backend ---%n%s",
              b2.operation(c3), trainer.log(), String.join("\n", b2.stderrLines()))
          .isEqualTo("running");
      assertThat(b2.status(c2)).isEqualTo("running");
      await().atMost(WAIT).until(() -> heldBy(b2, c3) != null);
      assertThat(heldBy(b2, c3)).startsWith("trainer:");
      await().atMost(WAIT).until(() -> heldBy(b2, c2) != null);

      // r3's training finishes after the restart, into r3; r3 then completes on the workers.
      Files.createFile(release.resolve(r3));
      await().atMost(WAIT).until(() -> b2.status(r3).equals("completed"));
      assertThat(b2.status(c3)).isEqualTo("completed");
      assertThat(children(b2, r3, "training")).containsExactly(c3);

      // 3. SIGKILL the backtest worker mid-backtest: r2 fails "worker lost", no slot stays busy.
      tester.kill();
      await().atMost(WAIT).until(() -> b2.status(r2).equals("failed"));
      assertThat(b2.operation(c2).get("error_message").asText()).startsWith("worker lost: tester");
      JsonNode workers = b2.get("/api/v1/workers");
      for (JsonNode w : workers) {
        assertThat(w.get("worker_id").asText()).startsWith("trainer:");
        assertThat(w.get("status").asText()).isEqualTo("available");
      }

      // Every acknowledged trigger and cancel holds.
      assertThat(b2.status(r1)).isEqualTo("cancelled");
      assertThat(b2.status(r2)).isEqualTo("failed");
      assertThat(b2.status(r3)).isEqualTo("completed");
      assertThat(b2.get("/api/v1/operations?active_only=true").get("data")).isEmpty();
    } finally {
      for (int i = open.size() - 1; i >= 0; i--) {
        open.get(i).close();
      }
    }
  }

  private static String awaitRunningChild(Server s, String research, String phase) {
    String[] child = new String[1];
    await()
        .atMost(WAIT)
        .until(
            () -> {
              if (!phase.equals(s.phase(research))) {
                return false;
              }
              String key = phase.equals("training") ? "training_op_id" : "backtest_op_id";
              String c = s.param(research, key);
              if (c.isEmpty() || !"running".equals(s.status(c)) || heldBy(s, c) == null) {
                return false;
              }
              child[0] = c;
              return true;
            });
    return child[0];
  }

  /** The worker slot holding {@code operationId}, or null. */
  private static String heldBy(Server s, String operationId) throws Exception {
    for (JsonNode w : s.get("/api/v1/workers")) {
      if (operationId.equals(w.path("current_operation_id").asText(null))) {
        return w.get("worker_id").asText();
      }
    }
    return null;
  }

  private static List<String> children(Server s, String research, String type) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode c : s.get("/api/v1/operations/" + research + "/children").get("data")) {
      if (type.equals(c.get("operation_type").asText())) {
        out.add(c.get("operation_id").asText());
      }
    }
    return out;
  }
}
