package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.db.Database;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: "a cancel of research X never waits for a long read (an export of 1M events, GET
 * /operations?limit=1000), or for a trigger". Each test holds the other party open with a gate of
 * its own and shows the cancel completes (committed, visible to a fresh read) while it is still
 * open. No timing: the held party is provably still open when the cancel has returned.
 */
class CancelNeverWaitsTest {
  private static final long BOUND = 60; // seconds: generous, a loaded machine is slow

  @TempDir Path dir;

  /** A read on one of the engine's pooled connections, stopped after its first row. */
  private static final class HeldRead {
    final CountDownLatch firstRow = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CompletableFuture<List<String>> rows = new CompletableFuture<>();

    /** Runs {@code sql} (first column read) on its own thread; holds it open after one row. */
    HeldRead start(Database db, String sql) {
      Thread t =
          new Thread(
              () -> {
                try {
                  rows.complete(
                      db.read(
                          c -> {
                            List<String> out = new ArrayList<>();
                            try (PreparedStatement ps = c.prepareStatement(sql);
                                ResultSet rs = ps.executeQuery()) {
                              while (rs.next()) {
                                out.add(rs.getString(1));
                                if (out.size() == 1) {
                                  firstRow.countDown();
                                  awaitQuietly(release);
                                }
                              }
                            }
                            return out;
                          }));
                } catch (RuntimeException e) {
                  rows.completeExceptionally(e);
                }
              },
              "held-read");
      t.setDaemon(true);
      t.start();
      return this;
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(BOUND, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aCancelCompletesWhileTheReadOfGetOperationsIsStillOpen() throws Exception {
    PhaseGates gates = new PhaseGates().holdEvery(Phase.DESIGNING);
    try (TestEngine e =
        TestEngine.start(
            dir.resolve("k.db"),
            TestEngine.instantSettings().withMaxConcurrentResearches(100),
            gates)) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ids.add(e.trigger("r" + i));
      }
      String target = ids.get(0); // the oldest: the last row of the read below
      e.awaitRunningChild(target, "designing");

      // What GET /operations?limit=1000 runs, newest first, its cursor held after one row.
      HeldRead read =
          new HeldRead()
              .start(
                  e.runtime().database(),
                  "SELECT o.operation_id || ':' || o.status FROM operations o"
                      + " LEFT JOIN researches r ON r.research_id = o.operation_id"
                      + " ORDER BY o.created_at DESC, o.rowid DESC LIMIT 1000");
      assertThat(read.firstRow.await(BOUND, TimeUnit.SECONDS)).isTrue();

      assertThat(e.agent().cancel(target).success()).isTrue();
      assertThat(e.status(target)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(read.rows).isNotDone(); // the read is still open

      read.release.countDown();
      // It read from the snapshot it began with: the research was running then.
      assertThat(read.rows.get(BOUND, TimeUnit.SECONDS)).contains(target + ":running");
    }
  }

  @Test
  void aCancelCompletesWhileAnExportOfAQuarterMillionEventsIsStillOpen() throws Exception {
    PhaseGates gates = new PhaseGates().hold("x", Phase.DESIGNING);
    try (TestEngine e =
        TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings(), gates)) {
      String target = e.trigger("x");
      e.awaitRunningChild(target, "designing");
      Database db = e.runtime().database();
      int logged =
          db.writeAndWait(
              tx -> {
                try (PreparedStatement ps =
                    tx.connection()
                        .prepareStatement(
                            "INSERT INTO operation_events (ts, operation_id, event, message)"
                                + " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                                + " WHERE i < 250000)"
                                + " SELECT '2026-01-01T00:00:00Z', ?, 'log', 'line ' || i FROM n")) {
                  ps.setString(1, target);
                  return ps.executeUpdate();
                }
              },
              false);
      assertThat(logged).isEqualTo(250_000);

      // The export's read of the whole event log, oldest first, its cursor held after one row.
      HeldRead export =
          new HeldRead()
              .start(
                  db,
                  "SELECT COALESCE(to_status, event) FROM operation_events WHERE operation_id = '"
                      + target
                      + "' ORDER BY event_id");
      assertThat(export.firstRow.await(BOUND, TimeUnit.SECONDS)).isTrue();

      assertThat(e.agent().cancel(target).success()).isTrue();
      assertThat(e.status(target)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(export.rows).isNotDone();

      export.release.countDown();
      List<String> events = export.rows.get(BOUND, TimeUnit.SECONDS);
      // The snapshot it began with: every logged line, not the cancel committed meanwhile.
      assertThat(events).hasSizeGreaterThan(250_000).doesNotContain("cancelled");
      assertThat(e.ops().history(target, 10)).anyMatch(r -> r.to() == OperationStatus.CANCELLED);
    }
  }

  @Test
  void aCancelCompletesWhileATriggerIsStillBeingSent() throws Exception {
    PhaseGates gates = new PhaseGates().holdEvery(Phase.DESIGNING);
    try (ApiHarness api =
        ApiHarness.start(dir.resolve("k.db"), TestEngine.instantSettings(), gates)) {
      String target = api.trigger("x");
      api.engine().awaitRunningChild(target, "designing");

      // A trigger whose client has sent its headers and half its body, and waits.
      byte[] body = "{\"brief\": \"a slow client\"}".getBytes(StandardCharsets.UTF_8);
      int half = body.length / 2;
      try (Socket s = new Socket("127.0.0.1", api.server().port())) {
        s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(BOUND));
        OutputStream out = s.getOutputStream();
        out.write(
            ("POST /api/v1/agent/trigger HTTP/1.1\r\nHost: 127.0.0.1:"
                    + api.server().port()
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, half);
        out.flush();

        ApiHarness.Reply cancel = api.delete("/api/v1/agent/cancel/" + target);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(api.engine().status(target)).isEqualTo(OperationStatus.CANCELLED);
        assertThat(s.getInputStream().available()).isZero(); // the trigger has no answer yet

        out.write(body, half, body.length - half);
        out.flush();
        String reply = readAll(s.getInputStream());
        assertThat(reply).startsWith("HTTP/1.1 202").contains("operation_id");
      }
    }
  }

  private static String readAll(InputStream in) throws java.io.IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    in.transferTo(buf);
    return buf.toString(StandardCharsets.UTF_8);
  }
}
