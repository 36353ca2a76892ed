package dev.ktrdr.desktop.bench;

import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.app.FxToolkit;
import dev.ktrdr.config.Settings;
import dev.ktrdr.desktop.ConsoleWindow;
import dev.ktrdr.desktop.table.Column;
import dev.ktrdr.desktop.table.TableModel;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.testing.TestEngine;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * Benchmark, not a test: the console window under the loads of issue 8, measured from inside the FX
 * thread ({@link FxStallMonitor}). Two modes:
 *
 * <ul>
 *   <li>{@code storm ROWS RATE SECONDS [progress]}: ROWS researches in the table, then RATE changes
 *       a second spread over all of them; reports the FX-thread stalls (goal: none over 50 ms at
 *       10,000 rows and 500 changes/s). {@code progress} sorts the table by progress, so every
 *       change can move a row.
 *   <li>{@code keys RESEARCHES SECONDS}: a real engine (50 + 50 stub workers, 20 s phases) with
 *       RESEARCHES triggered, then a keystroke into the brief field every 200 ms; reports
 *       keystroke-to-screen (posted → the frame that shows it is laid out; goal under 100 ms with
 *       1,000 running), stalls, threads and heap.
 * </ul>
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.ktrdr.desktop.bench.ConsoleLoadBenchmark -Dexec.args="storm 10000 500 10"
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.ktrdr.desktop.bench.ConsoleLoadBenchmark -Dexec.args="keys 1000 30"
 * </pre>
 *
 * Headless (Monocle) unless {@code -Dbench.display=true} and a display is set.
 */
public final class ConsoleLoadBenchmark {
  private ConsoleLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "storm";
    if (!Boolean.getBoolean("bench.display")) {
      FxToolkit.useHeadlessPlatform();
    }
    FxToolkit.start();
    if (mode.equals("keys")) {
      keys(
          args.length > 1 ? Integer.parseInt(args[1]) : 1000,
          args.length > 2 ? Integer.parseInt(args[2]) : 30);
    } else {
      storm(
          args.length > 1 ? Integer.parseInt(args[1]) : 10_000,
          args.length > 2 ? Integer.parseInt(args[2]) : 500,
          args.length > 3 ? Double.parseDouble(args[3]) : 10,
          args.length > 4 && args[4].equals("progress"));
    }
    Platform.exit();
    System.exit(0);
  }

  private static void storm(int rows, int rate, double seconds, boolean byProgress)
      throws Exception {
    Path dir = Files.createTempDirectory("ktrdr-bench");
    try (TestEngine engine =
        TestEngine.start(
            dir.resolve("bench.db"), TestEngine.fastSettings(Duration.ofSeconds(30)))) {
      ConsoleWindow window = open(engine, dir);
      Instant created = Instant.now();
      List<OperationEvent> all = new ArrayList<>(rows);
      for (int i = 0; i < rows; i++) {
        Operation op = EventStorm.research(i, (i * 7) % 100, created.plusMillis(i));
        all.add(event(op, OperationEvent.Kind.CREATED));
      }
      long t0 = System.nanoTime();
      fx(
          () -> {
            window.viewModel().applyEvents(all);
            return null;
          });
      double fill = (System.nanoTime() - t0) / 1e6;
      if (byProgress) {
        fx(
            () -> {
              window
                  .viewModel()
                  .table()
                  .sortBy(List.of(new TableModel.SortKey(Column.PROGRESS, false)));
              return null;
            });
      }
      if (rate > 0) {
        EventStorm.run(window.coalescer(), rate, 1, rows); // warm-up
      }
      FxStallMonitor monitor = new FxStallMonitor();
      monitor.start();
      // Rate 0 measures the window idle: the floor a loaded machine alone sets.
      Object r = rate > 0 ? EventStorm.run(window.coalescer(), rate, seconds, rows) : idle(seconds);
      FxStallMonitor.Stalls s = monitor.stop();
      System.out.printf(
          Locale.ROOT,
          "ConsoleLoadBenchmark storm: %,d rows (filled in %.0f ms)%s; %s%n  %s%n",
          rows,
          fill,
          byProgress ? ", sorted by progress" : "",
          r,
          s);
      Platform.runLater(() -> window.stage().close());
    }
  }

  private static String idle(double seconds) {
    LockSupport.parkNanos((long) (seconds * 1e9)); // the measured span itself
    return String.format(Locale.ROOT, "no events for %.0f s", seconds);
  }

  private static void keys(int researches, int seconds) throws Exception {
    Path dir = Files.createTempDirectory("ktrdr-bench");
    Settings settings =
        Settings.defaults()
            .withWorkers(50, 50)
            .withStubDelay(Duration.ofSeconds(20))
            .withMaxConcurrentResearches(researches + 100)
            .withDailyBudget(new BigDecimal("100000"));
    try (TestEngine engine = TestEngine.start(dir.resolve("bench.db"), settings)) {
      ConsoleWindow window = open(engine, dir);
      int threads0 = Thread.activeCount();
      long t0 = System.nanoTime();
      for (int i = 0; i < researches; i++) {
        if (!(engine.agent().trigger(TriggerRequest.of("Load " + i)) instanceof Triggered)) {
          throw new IllegalStateException("trigger " + i + " refused");
        }
      }
      double triggerSeconds = (System.nanoTime() - t0) / 1e9;
      TextField brief = fx(() -> (TextField) window.stage().getScene().lookup("#brief"));
      fx(
          () -> {
            brief.requestFocus();
            return null;
          });
      FxStallMonitor monitor = new FxStallMonitor();
      monitor.start();
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      AtomicInteger typed = new AtomicInteger();
      while (System.nanoTime() < end) {
        long posted = System.nanoTime();
        CompletableFuture<Long> shown = new CompletableFuture<>();
        Platform.runLater(() -> type(window.stage().getScene(), brief, typed, posted, shown));
        latencies.add(shown.get(30, TimeUnit.SECONDS));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // typing pace, not a wait
      }
      FxStallMonitor.Stalls s = monitor.stop();
      long active = engine.ops().countActive(dev.ktrdr.operations.OperationType.AGENT_RESEARCH);
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      Runtime rt = Runtime.getRuntime();
      System.gc();
      System.out.printf(
          Locale.ROOT,
          "ConsoleLoadBenchmark keys: %d researches triggered in %.1f s, %d still active at the"
              + " end; %d keystrokes: to screen p50 %.1f ms, p95 %.1f ms, max %.1f ms%n  %s%n"
              + "  threads %d before, %d after; heap used %d MB; process RSS see ps%n",
          researches,
          triggerSeconds,
          active,
          sorted.size(),
          FxStallMonitor.pct(sorted, 0.5),
          FxStallMonitor.pct(sorted, 0.95),
          FxStallMonitor.pct(sorted, 1.0),
          s,
          threads0,
          ManagementFactory.getThreadMXBean().getThreadCount(),
          (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
      Platform.runLater(() -> window.stage().close());
    }
  }

  /** Types one character (or deletes one) and reports when the frame showing it is laid out. */
  private static void type(
      Scene scene,
      TextField field,
      AtomicInteger typed,
      long posted,
      CompletableFuture<Long> shown) {
    boolean delete = typed.incrementAndGet() % 20 == 0;
    Event.fireEvent(
        field,
        delete
            ? new KeyEvent(
                KeyEvent.KEY_PRESSED, "", "", KeyCode.BACK_SPACE, false, false, false, false)
            : new KeyEvent(
                KeyEvent.KEY_TYPED, "x", "x", KeyCode.UNDEFINED, false, false, false, false));
    Runnable[] once = new Runnable[1];
    once[0] =
        () -> {
          scene.removePostLayoutPulseListener(once[0]);
          shown.complete(System.nanoTime() - posted);
        };
    scene.addPostLayoutPulseListener(once[0]);
    Platform.requestNextPulse();
  }

  private static OperationEvent event(Operation op, OperationEvent.Kind kind) {
    return new OperationEvent(
        Instant.now(),
        op.operationId(),
        op.operationType(),
        null,
        kind,
        null,
        op.status(),
        "bench",
        op);
  }

  private static ConsoleWindow open(TestEngine engine, Path dir) throws Exception {
    CompletableFuture<ConsoleWindow> w = new CompletableFuture<>();
    Platform.runLater(
        () ->
            w.complete(
                ConsoleWindow.open(
                    new Stage(), engine.agent(), engine.ops(), dir.resolve("bench.db"), () -> {})));
    return w.get();
  }

  private static <T> T fx(Callable<T> c) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            f.complete(c.call());
          } catch (Exception e) {
            f.completeExceptionally(e);
          }
        });
    return f.get();
  }
}
