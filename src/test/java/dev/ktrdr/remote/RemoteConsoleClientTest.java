package dev.ktrdr.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.api.ApiServer;
import dev.ktrdr.app.KtrdrCommand;
import dev.ktrdr.config.ApiAccess;
import dev.ktrdr.config.ApiTokens;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.remote.OperationFeed.State;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import dev.ktrdr.wire.OperationChanged;
import dev.ktrdr.wire.TriggerRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The client side of {@code ktrdr console --connect}: the feed and the calls, against a real
 * in-process server with tokens, without a window.
 */
class RemoteConsoleClientTest {
  static final Duration WAIT = TestEngine.WAIT;
  static final String ALICE = "alice-token-0123456789";
  static final String BOB = "bob-token-0123456789abc";
  static final String CAROL = "carol-token-0123456789";

  @TempDir Path dir;
  final PhaseGates gates = new PhaseGates();
  TestEngine engine;
  ApiAccess access;
  ApiServer server;

  @BeforeEach
  void start() {
    access =
        ApiAccess.localOnly()
            .withTokens(
                ApiTokens.parse(null, "alice:" + ALICE + ",bob:" + BOB + ",carol:" + CAROL));
    engine = TestEngine.start(dir.resolve("remote.db"), TestEngine.instantSettings(), gates);
    server = serve(0);
  }

  ApiServer serve(int port) {
    return ApiServer.start(
        engine.agent(), engine.ops(), engine.runtime().data(), null, port, access);
  }

  @AfterEach
  void stop() {
    server.close();
    engine.close();
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Records what a feed reports, as a window would show it. */
  static final class Table implements OperationFeed.Listener {
    final Map<String, OperationChanged> rows = new ConcurrentHashMap<>();
    final List<Long> versions = new CopyOnWriteArrayList<>();
    final List<State> states = new CopyOnWriteArrayList<>();
    volatile String detail;

    @Override
    public void onOperation(OperationChanged c) {
      versions.add(c.version());
      rows.merge(c.operation().operationId(), c, (a, b) -> b.version() > a.version() ? b : a);
    }

    @Override
    public void onState(State state, String detail) {
      states.add(state);
      this.detail = detail;
    }

    String status(String id) {
      OperationChanged c = rows.get(id);
      return c == null ? null : c.operation().status();
    }
  }

  @Test
  void theFeedShowsWhatTheServerDoesAndTheConsoleCallsActOnIt() {
    RemoteServer console = new RemoteServer(url(), ALICE);
    Table table = new Table();
    try (OperationFeed feed = new OperationFeed(console, table).start()) {
      await().atMost(WAIT).until(() -> feed.state() == State.LIVE);
      gates.hold("remote", Phase.DESIGNING);
      Outcome t = console.trigger(new TriggerRequest("remote", null, null, null));
      assertThat(t.success()).as(t.message()).isTrue();
      gates.awaitHeld("remote", Phase.DESIGNING);
      await().atMost(WAIT).until(() -> "running".equals(table.status(t.operationId())));
      assertThat(console.status().activeResearches()).hasSize(1);

      Outcome c = console.cancel(t.operationId(), "from afar");
      assertThat(c.success()).as(c.message()).isTrue();
      await().atMost(WAIT).until(() -> "cancelled".equals(table.status(t.operationId())));
      assertThat(engine.get(t.operationId()).param("cancelled_by")).isEqualTo("alice");
      assertThat(table.versions).isSorted();
    }
  }

  @Test
  void theLogRouteGivesAnOperationsLinesOldestFirstAndTheEventsCarryTheirLines() {
    RemoteServer console = new RemoteServer(url(), ALICE);
    List<OperationChanged> seen = new CopyOnWriteArrayList<>();
    OperationFeed.Listener l =
        new OperationFeed.Listener() {
          @Override
          public void onOperation(OperationChanged c) {
            seen.add(c);
          }

          @Override
          public void onState(State state, String detail) {}
        };
    try (OperationFeed feed = new OperationFeed(console, l).start()) {
      await().atMost(WAIT).until(() -> feed.state() == State.LIVE);
      gates.hold("logged", Phase.DESIGNING);
      String id = engine.trigger("logged");
      gates.awaitHeld("logged", Phase.DESIGNING);
      assertThat(engine.agent().cancel(id, "enough", "carol").success()).isTrue();

      var lines = console.log(id, 100);
      assertThat(lines)
          .extracting(dev.ktrdr.wire.OperationLog.Line::toStatus)
          .containsSubsequence("running", "cancelled");
      assertThat(lines).extracting(dev.ktrdr.wire.OperationLog.Line::ts).isSorted();
      assertThat(console.log(id, 1)).hasSize(1);
      assertThat(console.log("op_no_such_thing", 10)).isEmpty();
      // A status change on the stream says where it came from, as the log does. (One event is
      // sent per version, so of several changes committed together the client may see another.)
      await()
          .atMost(WAIT)
          .until(
              () ->
                  seen.stream()
                      .anyMatch(
                          c ->
                              id.equals(c.operation().operationId())
                                  && "cancelled".equals(c.operation().status())));
      assertThat(seen)
          .filteredOn(c -> c.change() == OperationChanged.Change.STATUS)
          .isNotEmpty()
          .allSatisfy(c -> assertThat(c.fromStatus()).isNotNull());
    }
  }

  @Test
  void aServerRestartShowsReconnectingAndTheFeedResumesWithoutLosingAChange() {
    gates.hold("before", Phase.DESIGNING).hold("during", Phase.DESIGNING);
    String before = engine.trigger("before");
    gates.awaitHeld("before", Phase.DESIGNING);
    Table table = new Table();
    try (OperationFeed feed = new OperationFeed(new RemoteServer(url(), BOB), table).start()) {
      await().atMost(WAIT).until(() -> "running".equals(table.status(before)));
      int port = server.port();

      server.close(); // the backend's API goes away
      await().atMost(WAIT).until(() -> feed.state() == State.RECONNECTING);
      assertThat(table.detail).isNotBlank();
      // Changes while the console cannot hear: one cancel, one new research.
      assertThat(engine.agent().cancel(before).success()).isTrue();
      String during = engine.trigger("during");
      gates.awaitHeld("during", Phase.DESIGNING);

      server = serve(port); // back on the same address
      await().atMost(WAIT).until(() -> feed.state() == State.LIVE);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  "cancelled".equals(table.status(before))
                      && "running".equals(table.status(during)));
      assertThat(table.states).containsSubsequence(State.LIVE, State.RECONNECTING, State.LIVE);
      assertThat(table.versions).isSorted().doesNotHaveDuplicates();
      assertThat(feed.lastEventId()).isEqualTo(maxVersion());
    }
  }

  long maxVersion() {
    return engine.ops().changedSince(0, 100_000).stream()
        .mapToLong(dev.ktrdr.operations.Operation::version)
        .max()
        .orElse(0);
  }

  @Test
  void twoConsolesAndTheCliCancelTheSameResearchAtOnceAndExactlyOneWins() throws Exception {
    gates.hold("contested", Phase.DESIGNING);
    String id = engine.trigger("contested");
    gates.awaitHeld("contested", Phase.DESIGNING);
    RemoteServer alice = new RemoteServer(url(), ALICE);
    RemoteServer bob = new RemoteServer(url(), BOB);
    Path carolToken = dir.resolve("carol.token");
    Files.writeString(carolToken, CAROL);

    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Outcome> a = pool.submit(() -> afterGo(go, () -> alice.cancel(id, null)));
      Future<Outcome> b = pool.submit(() -> afterGo(go, () -> bob.cancel(id, null)));
      Future<String[]> cli =
          pool.submit(
              () ->
                  afterGo(
                      go,
                      () ->
                          cli(
                              "agent",
                              "cancel",
                              id,
                              "--url",
                              url(),
                              "--token-file",
                              carolToken.toString())));
      go.countDown();
      Outcome oa = a.get(60, TimeUnit.SECONDS);
      Outcome ob = b.get(60, TimeUnit.SECONDS);
      String[] oc = cli.get(60, TimeUnit.SECONDS);
      boolean cliWon = oc[0].equals("0");
      long wins = (oa.success() ? 1 : 0) + (ob.success() ? 1 : 0) + (cliWon ? 1 : 0);
      assertThat(wins).as("alice %s, bob %s, cli %s", oa, ob, String.join("|", oc)).isEqualTo(1);
      // The others are told why, in the service's words.
      for (Outcome o : List.of(oa, ob)) {
        if (!o.success()) {
          assertThat(o.message()).isEqualTo("Cannot cancel cancelled operation");
        }
      }
      if (!cliWon) {
        assertThat(oc[0]).isEqualTo("1");
        assertThat(oc[2]).contains("Cannot cancel cancelled operation");
      }
      String winner = oa.success() ? "alice" : ob.success() ? "bob" : "carol";
      assertThat(engine.status(id)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(engine.get(id).param("cancelled_by")).isEqualTo(winner);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aWrongTokenIsSaidPlainlyAndNotRetried() {
    RemoteServer wrong = new RemoteServer(url(), "not-a-valid-token-at-all");
    assertThatThrownBy(wrong::status)
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("not accepted");
    Table table = new Table();
    try (OperationFeed feed = new OperationFeed(wrong, table).start()) {
      await().atMost(WAIT).until(() -> feed.state() == State.REFUSED);
      assertThat(table.detail).contains("token");
    }
    assertThatThrownBy(() -> new RemoteServer("localhost:8000", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://HOST:PORT");
  }

  static <T> T afterGo(CountDownLatch go, java.util.concurrent.Callable<T> task) throws Exception {
    go.await();
    return task.call();
  }

  static String[] cli(String... args) {
    CommandLine cl = KtrdrCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }
}
