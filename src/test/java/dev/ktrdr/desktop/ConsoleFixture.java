package dev.ktrdr.desktop;

import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.config.Settings;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real engine on a temporary database and the real console window on it, for the TestFX tests of
 * the window. Stub phases are long unless a test asks otherwise, so nothing ends on its own while a
 * test acts on it.
 */
final class ConsoleFixture implements AutoCloseable {
  final Path dir;
  final Path db;
  final TestEngine engine;
  final ConsoleWindow window;

  private ConsoleFixture(Path dir, TestEngine engine, ConsoleWindow window) {
    this.dir = dir;
    this.db = dir.resolve("k.db");
    this.engine = engine;
    this.window = window;
  }

  /** Opens the engine and the window on {@code stage}; call from a TestFX {@code @Start}. */
  static ConsoleFixture open(Stage stage, Duration stubDelay) throws Exception {
    return open(stage, TestEngine.fastSettings(stubDelay).withMaxConcurrentResearches(100));
  }

  static ConsoleFixture open(Stage stage, Settings settings) throws Exception {
    Path dir = Files.createTempDirectory("ktrdr-console-fx");
    TestEngine engine = TestEngine.start(dir.resolve("k.db"), settings);
    ConsoleWindow window =
        ConsoleWindow.open(stage, engine.agent(), engine.ops(), dir.resolve("k.db"), () -> {});
    return new ConsoleFixture(dir, engine, window);
  }

  static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void onFx(Runnable r) {
    fx(
        () -> {
          r.run();
          return null;
        });
  }

  /** Triggers through the service (as the API would); fails the test with the refusal. */
  String trigger(String brief) {
    TriggerReply r = engine.agent().trigger(TriggerRequest.of(brief));
    if (!(r instanceof Triggered)) {
      throw new AssertionError("Trigger refused: " + r.message());
    }
    return ((Triggered) r).operationId();
  }

  ConsoleViewModel vm() {
    return window.viewModel();
  }

  ConsoleView view() {
    return window.view();
  }

  /** Waits until the console has a row for {@code id} (shown or waiting as new). */
  OperationRow awaitRow(String id) {
    await().atMost(TestEngine.WAIT).until(() -> fx(() -> vm().row(id) != null));
    return fx(() -> vm().row(id));
  }

  /** Waits until {@code id} is among the table's shown rows. */
  OperationRow awaitShown(String id) {
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> view().table().getItems().stream().anyMatch(r -> r.id().equals(id))));
    return fx(() -> vm().row(id));
  }

  @Override
  public void close() throws Exception {
    onFx(() -> window.stage().close());
    engine.close();
  }
}
