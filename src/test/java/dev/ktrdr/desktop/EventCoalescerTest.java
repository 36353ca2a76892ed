package dev.ktrdr.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventCoalescerTest {
  /** A fake UI thread: tasks queue up until the test runs them. */
  private final ConcurrentLinkedQueue<Runnable> ui = new ConcurrentLinkedQueue<>();

  private final List<List<OperationEvent>> batches = new ArrayList<>();

  private void runUi() {
    for (Runnable r; (r = ui.poll()) != null; ) {
      r.run();
    }
  }

  static OperationEvent event(String id, int n) {
    return new OperationEvent(
        Instant.now(),
        id,
        OperationType.AGENT_RESEARCH,
        null,
        OperationEvent.Kind.PROGRESS,
        null,
        null,
        "step " + n,
        null);
  }

  @Test
  void aBurstIsOneDispatchAndOneBatchInOrder() {
    EventCoalescer c = new EventCoalescer(ui::add, batches::add);
    for (int i = 0; i < 500; i++) {
      c.onEvent(event("op_x", i));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> !ui.isEmpty());
    runUi();
    assertThat(c.received()).isEqualTo(500);
    assertThat(c.dispatches()).isEqualTo(1);
    assertThat(batches).hasSize(1);
    assertThat(batches.get(0))
        .extracting(OperationEvent::message)
        .startsWith("step 0", "step 1")
        .endsWith("step 499");
  }

  @Test
  void producersNeverBlockEvenWhenTheUiThreadIsStuck() throws Exception {
    EventCoalescer c = new EventCoalescer(ui::add, batches::add); // nobody runs the UI queue
    int threads = 4;
    int each = 5_000;
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      String id = "op_" + t;
      new Thread(
              () -> {
                for (int i = 0; i < each; i++) {
                  c.onEvent(event(id, i));
                }
                done.countDown();
              })
          .start();
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(c.received()).isEqualTo((long) threads * each);
    assertThat(c.dispatches()).isEqualTo(1); // one outstanding drain, however many events
    await().atMost(Duration.ofSeconds(5)).until(() -> !ui.isEmpty());
    runUi();
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(threads * each);
  }

  @Test
  void aSteadyStreamIsDrainedAtMostOncePerFrame() {
    EventCoalescer c = new EventCoalescer(ui::add, batches::add);
    long start = System.nanoTime();
    int n = 0;
    // The test thread is both producer and UI thread; a steady stream lasting several frames.
    while (n < 20_000 || System.nanoTime() - start < 10 * EventCoalescer.FRAME_NANOS) {
      c.onEvent(event("op_x", n++));
      runUi();
    }
    int sent = n;
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              runUi();
              return batches.stream().mapToInt(List::size).sum() == sent;
            });
    long frames = (System.nanoTime() - start) / EventCoalescer.FRAME_NANOS;
    // Drains are at least a frame apart, whatever the event count and however slow the machine.
    assertThat(c.received()).isEqualTo(sent);
    assertThat(c.dispatches()).as("drains in %d frames", frames).isLessThanOrEqualTo(1 + frames);
    assertThat(batches).hasSizeGreaterThan(1);
    assertThat(batches.stream().flatMap(List::stream).map(OperationEvent::message))
        .as("every event once, in order")
        .hasSize(sent)
        .startsWith("step 0", "step 1")
        .endsWith("step " + (sent - 1));
  }
}
