package dev.ktrdr.desktop;

import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.config.Settings;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real engine on a temporary database and the real console window on it, for the TestFX tests of
 * the window. A test that acts on running researches opens it with {@link PhaseGates}: the phases
 * it holds stay running until the test releases or cancels them, and every other phase ends at
 * once, so nothing races the test.
 */
final class ConsoleFixture implements AutoCloseable {
  final Path dir;
  final Path db;
  final TestEngine engine;
  final ConsoleWindow window;
  final PhaseGates gates;

  private ConsoleFixture(Path dir, TestEngine engine, ConsoleWindow window, PhaseGates gates) {
    this.dir = dir;
    this.db = dir.resolve("k.db");
    this.engine = engine;
    this.window = window;
    this.gates = gates;
  }

  /**
   * Opens the engine (instant stubs held at {@code gates}) and the window on {@code stage}; call
   * from a TestFX {@code @Start}.
   */
  static ConsoleFixture open(Stage stage, PhaseGates gates) throws Exception {
    Path dir = Files.createTempDirectory("ktrdr-console-fx");
    TestEngine engine =
        TestEngine.start(
            dir.resolve("k.db"),
            TestEngine.instantSettings().withMaxConcurrentResearches(100),
            gates);
    return new ConsoleFixture(dir, engine, window(stage, engine, dir), gates);
  }

  /**
   * Opens the engine with stub phases of {@code stubDelay} (for a test that only watches whole
   * researches run to their end) and the window on {@code stage}.
   */
  static ConsoleFixture open(Stage stage, Duration stubDelay) throws Exception {
    return open(stage, TestEngine.fastSettings(stubDelay).withMaxConcurrentResearches(100));
  }

  static ConsoleFixture open(Stage stage, Settings settings) throws Exception {
    Path dir = Files.createTempDirectory("ktrdr-console-fx");
    TestEngine engine = TestEngine.start(dir.resolve("k.db"), settings);
    return new ConsoleFixture(dir, engine, window(stage, engine, dir), null);
  }

  private static ConsoleWindow window(Stage stage, TestEngine engine, Path dir) {
    return ConsoleWindow.open(
        stage,
        engine.agent(),
        engine.ops(),
        engine.runtime().data(),
        dir.resolve("k.db"),
        () -> {});
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
