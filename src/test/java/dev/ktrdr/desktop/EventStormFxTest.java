package dev.ktrdr.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.desktop.bench.EventStorm;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * 800 state changes a second at the real window must not freeze it: the FX thread keeps answering
 * (latency probe), and the UI is dispatched per frame, not per event. The bounds are generous on
 * purpose (a slow CI machine must pass); the benchmark main gives real numbers.
 */
@ExtendWith(ApplicationExtension.class)
class EventStormFxTest {
  private static final Logger LOG = LoggerFactory.getLogger(EventStormFxTest.class);
  private TestEngine engine;
  private ConsoleWindow window;

  @Start
  void start(Stage stage) throws Exception {
    Path dir = Files.createTempDirectory("ktrdr-storm");
    engine = TestEngine.start(dir.resolve("k.db"), TestEngine.fastSettings(Duration.ofSeconds(30)));
    window = ConsoleWindow.open(stage, engine.agent(), engine.ops(), dir.resolve("k.db"), () -> {});
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get();
    engine.close();
  }

  @Test
  void eightHundredEventsASecondKeepTheFxThreadResponsive() throws Exception {
    EventStorm.Result r = EventStorm.run(window.coalescer(), 800, 3, 60);
    LOG.info("Storm: {}", r);
    assertThat(r.events()).isEqualTo(2400);
    assertThat(r.dispatches())
        .as("UI dispatches for %d events", r.events())
        .isLessThan(r.events() / 5);
    assertThat(r.probes()).isGreaterThan(100);
    assertThat(r.p95Millis()).as("p95 FX latency").isLessThan(300);
    assertThat(r.maxMillis()).as("longest FX stall").isLessThan(1500);
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> WaitForAsyncUtils.asyncFx(() -> window.viewModel().rows().size()).get() == 60);
  }
}
