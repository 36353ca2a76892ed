package dev.ktrdr.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts the JavaFX toolkit once per JVM. The engine's in-process phases are JavaFX tasks, so the
 * toolkit runs in every mode: with a window in the console, headless (Monocle) elsewhere.
 */
public final class FxToolkit {
  private static boolean started;

  private FxToolkit() {}

  /** Selects the headless Monocle platform, unless a platform was chosen already. */
  public static void useHeadlessPlatform() {
    setIfAbsent("glass.platform", "Monocle");
    setIfAbsent("monocle.platform", "Headless");
    setIfAbsent("prism.order", "sw");
    setIfAbsent("prism.verbose", "false");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** Starts the toolkit if this JVM has not yet; returns once it runs. */
  public static synchronized void start() {
    if (started) {
      return;
    }
    routeJavaUtilLoggingToSlf4j();
    CountDownLatch ready = new CountDownLatch(1);
    try {
      Platform.startup(ready::countDown);
    } catch (IllegalStateException alreadyRunning) {
      ready.countDown(); // started elsewhere, e.g. by Application.launch or TestFX
    }
    try {
      if (!ready.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("The JavaFX toolkit did not start within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting the JavaFX toolkit", e);
    }
    Platform.setImplicitExit(false);
    started = true;
  }

  /** JavaFX logs through java.util.logging; send it where every other log goes. */
  private static void routeJavaUtilLoggingToSlf4j() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /** A start under way on another thread ({@link #startHeadlessInBackground}), or null. */
  private static volatile CompletableFuture<Void> starting;

  /**
   * Starts the headless toolkit on a thread of its own and returns at once: {@code serve} opens the
   * database meanwhile. {@link Engine#open} waits for it ({@link #awaitBackgroundStart}) before the
   * engine can run its first task, the first thing that needs the toolkit.
   */
  public static synchronized void startHeadlessInBackground() {
    if (started || starting != null) {
      return;
    }
    useHeadlessPlatform();
    starting =
        CompletableFuture.runAsync(
            FxToolkit::start,
            r -> {
              Thread t = new Thread(r, "ktrdr-fx-start");
              t.setDaemon(true);
              t.start();
            });
  }

  /** Waits for a background start, if one was asked for; rethrows its failure. */
  static void awaitBackgroundStart() {
    CompletableFuture<Void> f = starting;
    if (f == null) {
      return;
    }
    try {
      f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }

  /** Headless platform, then start: for the server and the tests. */
  public static void startHeadless() {
    useHeadlessPlatform();
    start();
  }
}
