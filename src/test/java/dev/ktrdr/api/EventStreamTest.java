package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationQuery;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.SseRecorder;
import dev.ktrdr.testing.SseRecorder.Event;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/events} through the real server, read by OkHttp's SSE client. */
class EventStreamTest {
  static final Duration WAIT = TestEngine.WAIT;

  @TempDir Path dir;
  ApiHarness api;
  final PhaseGates gates = new PhaseGates();

  @BeforeEach
  void start() {
    api = ApiHarness.start(dir.resolve("events.db"), TestEngine.instantSettings(), gates);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  String events(String query) {
    return api.url() + "/api/v1/events" + query;
  }

  static void assertIdsGrow(List<Event> events, long after) {
    long last = after;
    for (Event e : events) {
      if (e.type().equals("operation")) {
        assertThat(e.version()).as("ids grow: %s", e).isGreaterThan(last);
        assertThat(e.data().get("version").asLong()).isEqualTo(e.version());
        last = e.version();
      }
    }
  }

  @Test
  void liveChangesArriveWithTheirVersionAsId() {
    try (SseRecorder sse = SseRecorder.connect(events("?since=0"), "Accept", "text/event-stream")) {
      assertThat(sse.openStatus()).isEqualTo(200);
      // The head goes out before the stream subscribes; trigger once it has, so that the
      // research's changes come live rather than from the catch-up.
      await().atMost(WAIT).until(() -> api.server().eventClients() == 1);
      gates.hold("live", Phase.DESIGNING);
      String id = api.trigger("live");
      gates.awaitHeld("live", Phase.DESIGNING);
      String child = api.engine().childOf(id, Phase.DESIGNING);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  sse.latest(id) != null
                      && sse.latest(id).status().equals("running")
                      && sse.latest(child) != null
                      && sse.latest(child).status().equals("running"));
      Event research = sse.latest(id);
      assertThat(
              research
                  .data()
                  .path("operation")
                  .path("metadata")
                  .path("parameters")
                  .path("phase")
                  .asText())
          .isEqualTo("designing");
      assertThat(research.version()).isEqualTo(api.engine().get(id).version());
      assertThat(sse.events)
          .extracting(e -> e.data().path("change").asText())
          .contains("created", "status");
      assertIdsGrow(sse.events, 0);
    }
  }

  @Test
  void aClientThatReconnectsWithLastEventIdMissesNothingAndGetsNoOlderSnapshot() {
    gates.hold("a", Phase.DESIGNING).hold("b", Phase.DESIGNING);
    String a = api.trigger("a");
    gates.awaitHeld("a", Phase.DESIGNING);
    long lastSeen;
    try (SseRecorder first =
        SseRecorder.connect(events("?since=0"), "Accept", "text/event-stream")) {
      // the catch-up: A and its running design child, from the store
      await().atMost(WAIT).until(() -> first.latest(a) != null);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                Event last = first.events.get(first.events.size() - 1);
                return last.version() >= api.engine().get(a).version();
              });
      lastSeen = first.events.get(first.events.size() - 1).version();
      assertIdsGrow(first.events, 0);
    }
    // While the client is away: B starts, A is cancelled.
    String b = api.trigger("b");
    gates.awaitHeld("b", Phase.DESIGNING);
    assertThat(api.engine().agent().cancel(a).success()).isTrue();

    try (SseRecorder again =
        SseRecorder.connect(
            events(""), "Accept", "text/event-stream", "Last-Event-ID", Long.toString(lastSeen))) {
      await()
          .atMost(WAIT)
          .until(
              () ->
                  again.latest(a) != null
                      && again.latest(a).status().equals("cancelled")
                      && again.latest(b) != null
                      && again.latest(b).status().equals("running"));
      assertIdsGrow(again.events, lastSeen);
      // Every operation changed since lastSeen was sent, at its current version.
      List<Operation> all = api.engine().ops().list(OperationQuery.all()).operations();
      for (Operation op : all) {
        if (op.version() > lastSeen) {
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      again.latest(op.operationId()) != null
                          && again.latest(op.operationId()).version()
                              == api.engine().ops().get(op.operationId()).orElseThrow().version());
        }
      }
      // A cancel made now arrives live on the resumed stream.
      assertThat(api.engine().agent().cancel(b).success()).isTrue();
      await().atMost(WAIT).until(() -> again.latest(b).status().equals("cancelled"));
      assertIdsGrow(again.events, lastSeen);
    }
  }

  @Test
  void eventsMatchTheirPublishedSchema() {
    try (SseRecorder sse = SseRecorder.connect(events("?since=0"), "Accept", "text/event-stream")) {
      gates.hold("schema", Phase.DESIGNING);
      api.trigger("schema");
      gates.awaitHeld("schema", Phase.DESIGNING);
      await().atMost(WAIT).until(() -> sse.events.size() >= 3);
      ObjectNode root = ApiJson.mapper().createObjectNode();
      root.put("$ref", "#/components/schemas/OperationChanged");
      root.set("components", api.get("/api/v1/openapi.json").json().get("components"));
      Schema schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(root);
      for (Event e : sse.events) {
        assertThat(schema.validate(e.data())).as(e.toString()).isEmpty();
      }
    }
  }

  @Test
  void theStreamRefusesWhatItCannotServe() {
    ApiHarness.Reply plain = api.get("/api/v1/events");
    assertThat(plain.status()).isEqualTo(406);
    assertThat(plain.body()).contains("Accept: text/event-stream");

    try (SseRecorder bad =
        SseRecorder.connect(events(""), "Accept", "text/event-stream", "Last-Event-ID", "x1")) {
      assertThat(bad.openStatus()).isEqualTo(400);
    }
    try (SseRecorder unknown =
        SseRecorder.connect(events("?color=red"), "Accept", "text/event-stream")) {
      assertThat(unknown.openStatus()).isEqualTo(400);
    }
  }

  @Test
  void stoppingTheServerEndsEachStreamWithAReason() {
    SseRecorder sse = SseRecorder.connect(events("?since=0"), "Accept", "text/event-stream");
    try {
      // The head is sent before the stream subscribes; stop once it has.
      await().atMost(WAIT).until(() -> api.server().eventClients() == 1);
      api.server().close();
      await().atMost(WAIT).until(sse::hasEnded);
      assertThat(sse.events).as("failure: %s", sse.failure()).isNotEmpty();
      Event last = sse.events.get(sse.events.size() - 1);
      assertThat(last.type()).isEqualTo("dropped");
      assertThat(last.data().get("reason").asText()).contains("server is stopping");
    } finally {
      sse.close();
    }
  }
}
