package dev.ktrdr.app;

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

  /** Headless platform, then start: for the server and the tests. */
  public static void startHeadless() {
    useHeadlessPlatform();
    start();
  }
}
