package dev.ktrdr.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.desktop.bench.EventStorm;
import dev.ktrdr.desktop.log.LogEntry;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A storm of state changes at the real window reaches the table coalesced (at most one UI batch per
 * frame) with nothing lost and nothing duplicated. How fast the FX thread stays under the storm is
 * measured by the benchmark ({@code desktop.bench.EventStormBenchmark}), not asserted here.
 */
@ExtendWith(ApplicationExtension.class)
class EventStormFxTest {
  private static final Logger LOG = LoggerFactory.getLogger(EventStormFxTest.class);
  private static final int RATE = 800;
  private static final int SECONDS = 1;
  private static final int ROWS = 60;

  private TestEngine engine;
  private ConsoleWindow window;

  @Start
  void start(Stage stage) throws Exception {
    Path dir = Files.createTempDirectory("ktrdr-storm");
    engine = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings());
    window = ConsoleWindow.open(stage, engine.agent(), engine.ops(), dir.resolve("k.db"), () -> {});
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get();
    engine.close();
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aStormReachesTheTableCoalescedWithNothingLostOrDuplicated() {
    EventCoalescer coalescer = window.coalescer();
    long events0 = coalescer.received();
    long dispatches0 = coalescer.dispatches();
    long t0 = System.nanoTime();
    EventStorm.fire(coalescer, RATE, SECONDS, ROWS); // paced at RATE a second, across frames
    int total = RATE * SECONDS;
    assertThat(coalescer.received() - events0).isEqualTo(total);

    // The last snapshot sent for each research is what its row shows, once per research.
    Map<String, Double> expected = new LinkedHashMap<>();
    for (int n = 0; n < ROWS; n++) {
      int last = n + ROWS * ((total - 1 - n) / ROWS);
      expected.put(
          EventStorm.research(n, 0, Instant.EPOCH).operationId(),
          EventStorm.progressOf(last, ROWS) / 100.0);
    }
    await().atMost(TestEngine.WAIT).until(() -> fx(() -> progressByRow()).equals(expected));
    long t1 = System.nanoTime();
    assertThat(fx(() -> window.viewModel().rows().size())).isEqualTo(ROWS);

    // Every event that makes a log line (all but progress) arrived once, in order.
    List<String> logged =
        fx(
            () ->
                window.viewModel().log().stream()
                    .map(LogEntry::message)
                    .filter(m -> m != null && m.startsWith("storm event "))
                    .collect(Collectors.toList()));
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < total; i += 5) {
      sent.add("storm event " + i);
    }
    assertThat(logged).containsExactlyElementsOf(sent);

    // Batches are at least a frame apart, so however slow the machine there are at most this many.
    long dispatches = coalescer.dispatches() - dispatches0;
    long frames = (t1 - t0) / EventCoalescer.FRAME_NANOS;
    LOG.info("Storm: {} events, {} UI dispatches in {} frames", total, dispatches, frames);
    assertThat(dispatches).as("UI dispatches in %d frames", frames).isLessThanOrEqualTo(1 + frames);
  }

  private Map<String, Double> progressByRow() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (OperationRow row : window.viewModel().rows()) {
      m.put(row.id(), row.progressProperty().get());
    }
    return m;
  }
}
