package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** One stream client in isolation: a slow reader is dropped without holding up the engine. */
class EventSubscriberTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  /** A client connection that records what it is sent and can be made to stop reading. */
  static final class FakeSink implements EventSubscriber.Sink {
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    final CountDownLatch reading = new CountDownLatch(1);
    final CountDownLatch firstWrite = new CountDownLatch(1);
    volatile boolean slow;
    volatile boolean closed;

    @Override
    public void send(String event, String data, String id) {
      firstWrite.countDown();
      if (slow) {
        try {
          reading.await(); // the client does not read until the test says so
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      sent.add(event + "|" + id + "|" + data);
    }

    @Override
    public void comment(String text) {
      comments.add(text);
    }

    @Override
    public boolean closed() {
      return closed;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  static OperationEvent event(long version) {
    return new OperationEvent(
        Instant.EPOCH,
        "op_" + version,
        OperationType.TRAINING,
        null,
        OperationEvent.Kind.PROGRESS,
        null,
        null,
        null,
        null,
        version);
  }

  static EventSubscriber subscriber(
      FakeSink sink, int capacity, Duration keepAlive, AtomicBoolean ended) {
    return new EventSubscriber(
        "test",
        sink,
        capacity,
        keepAlive,
        e -> "{\"v\":" + e.version() + "}",
        reason -> "{\"reason\":\"" + reason + "\"}",
        () -> ended.set(true));
  }

  @Test
  void aClientThatStopsReadingIsDroppedWithAReasonAndNeverBlocksTheEngine() throws Exception {
    FakeSink sink = new FakeSink();
    sink.slow = true;
    AtomicBoolean ended = new AtomicBoolean();
    EventSubscriber s = subscriber(sink, 8, Duration.ofMinutes(5), ended);
    Thread sender = new Thread(() -> s.run(-1, (v, to) -> v));
    sender.start();

    s.offer(event(1));
    assertThat(sink.firstWrite.await(60, TimeUnit.SECONDS)).isTrue(); // stuck writing event 1
    // The engine goes on offering far more than the buffer holds; none of it waits.
    assertTimeoutPreemptively(
        WAIT,
        () -> {
          for (long v = 2; v <= 10_000; v++) {
            s.offer(event(v));
          }
        });
    assertThat(s.dropped()).isTrue();

    sink.reading.countDown(); // the client reads again: it gets what was written, then the reason
    sender.join(WAIT.toMillis());
    assertThat(sender.isAlive()).isFalse();
    assertThat(sink.sent.get(0)).isEqualTo("operation|1|{\"v\":1}");
    String last = sink.sent.get(sink.sent.size() - 1);
    assertThat(last)
        .startsWith("dropped|null|")
        .contains("read too slowly")
        .contains("Last-Event-ID");
    assertThat(sink.sent).hasSize(2); // the queued events were let go, not sent after the drop
    assertThat(sink.closed).isTrue();
    assertThat(ended).isTrue();
  }

  @Test
  void aQuietStreamSendsKeepAliveComments() {
    FakeSink sink = new FakeSink();
    AtomicBoolean ended = new AtomicBoolean();
    EventSubscriber s = subscriber(sink, 8, Duration.ofMillis(20), ended);
    Thread sender = new Thread(() -> s.run(-1, (v, to) -> v));
    sender.start();
    await().atMost(WAIT).until(() -> sink.comments.size() >= 2);
    assertThat(sink.comments).allMatch(c -> c.equals("keep-alive"));
    sink.closed = true; // the client went away
    s.stop();
    await().atMost(WAIT).until(ended::get);
  }

  @Test
  void theCatchUpComesFirstAndNoLiveEventAtOrBelowItIsSentAgain() throws Exception {
    FakeSink sink = new FakeSink();
    AtomicBoolean ended = new AtomicBoolean();
    EventSubscriber s = subscriber(sink, 100, Duration.ofMinutes(5), ended);
    // Live events queued while the catch-up runs: 5 and 6 are older than what the store gives.
    s.offer(event(5));
    s.offer(event(6));
    s.offer(event(9));
    Thread sender =
        new Thread(
            () ->
                s.run(
                    3,
                    (after, to) -> {
                      assertThat(after).isEqualTo(3);
                      to.sendSnapshot(4, "{\"v\":4}");
                      to.sendSnapshot(7, "{\"v\":7}");
                      to.sendSnapshot(7, "{\"v\":7}"); // never twice
                      return 7;
                    }));
    sender.start();
    await().atMost(WAIT).until(() -> sink.sent.size() >= 3);
    s.offer(event(8)); // older than 9, which is already out: dropped as stale
    s.offer(event(10));
    await().atMost(WAIT).until(() -> sink.sent.stream().anyMatch(x -> x.contains("|10|")));
    assertThat(sink.sent)
        .containsExactly(
            "operation|4|{\"v\":4}",
            "operation|7|{\"v\":7}",
            "operation|9|{\"v\":9}",
            "operation|10|{\"v\":10}");
    sink.closed = true;
    s.stop();
    sender.join(WAIT.toMillis());
  }
}
