package dev.ktrdr.desktop.bench;

import dev.ktrdr.app.FxToolkit;
import dev.ktrdr.desktop.ConsoleWindow;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Benchmark, not a test: opens the real console window and storms it with events, printing the FX
 * thread's latency. Run (headless unless a display is set and -Dbench.display=true):
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.ktrdr.desktop.bench.EventStormBenchmark -Dexec.args="2000 5 200"
 * </pre>
 *
 * Arguments: events per second (default 2000), seconds (5), distinct researches (200).
 */
public final class EventStormBenchmark {
  private EventStormBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    if (!Boolean.getBoolean("bench.display")) {
      FxToolkit.useHeadlessPlatform();
    }
    FxToolkit.start();
    Path dir = Files.createTempDirectory("ktrdr-bench");
    try (TestEngine engine =
        TestEngine.start(
            dir.resolve("bench.db"), TestEngine.fastSettings(Duration.ofSeconds(30)))) {
      CompletableFuture<ConsoleWindow> w = new CompletableFuture<>();
      Platform.runLater(
          () ->
              w.complete(
                  ConsoleWindow.open(
                      new Stage(),
                      engine.agent(),
                      engine.ops(),
                      dir.resolve("bench.db"),
                      () -> {})));
      ConsoleWindow window = w.get();
      EventStorm.run(window.coalescer(), rate, 1, rows); // warm-up
      EventStorm.Result r = EventStorm.run(window.coalescer(), rate, seconds, rows);
      System.out.println("EventStormBenchmark: " + r);
      Platform.runLater(() -> window.stage().close());
    }
    Platform.exit();
    System.exit(0);
  }
}
