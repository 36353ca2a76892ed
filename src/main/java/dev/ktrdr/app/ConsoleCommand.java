package dev.ktrdr.app;

import dev.ktrdr.api.ApiServer;
import dev.ktrdr.api.ApiStartException;
import dev.ktrdr.config.ApiAccess;
import dev.ktrdr.config.Settings;
import dev.ktrdr.desktop.ConsoleWindow;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ktrdr console}: the coordinator with its window (and the HTTP API beside it). */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description =
        "Open the desktop console: the research coordinator with a live operations "
            + "table, and the HTTP API on 127.0.0.1.")
public final class ConsoleCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ConsoleCommand.class);

  @Option(names = "--port", description = "API port (default $KTRDR_PORT or 8000)")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description =
          "Address the API listens on (default $KTRDR_HOST or 127.0.0.1); anything but"
              + " loopback needs $KTRDR_API_TOKEN or $KTRDR_API_TOKENS")
  String host;

  @Option(names = "--db", description = "SQLite database file")
  Path db;

  @Override
  public Integer call() throws Exception {
    Settings settings = Settings.fromEnvironment();
    int apiPort = port != null ? port : settings.port();
    Path dbPath = settings.databasePath(db, System.getenv());
    ApiAccess access =
        host == null ? settings.apiAccess() : settings.apiAccess().withBindHost(host);
    access.requireTokenIfExposed(); // before the window opens: a refused start changes nothing
    try {
      FxToolkit.start();
    } catch (RuntimeException | Error e) {
      throw new IllegalStateException(
          "Cannot open a window ("
              + e.getMessage()
              + "). On a "
              + "machine without a display use `ktrdr serve`.",
          e);
    }
    Engine runtime = Engine.open(settings, dbPath, Clock.systemUTC());
    AtomicBoolean closed = new AtomicBoolean();
    AutoCloseable[] api = {() -> {}};
    Runnable shutdown =
        () -> {
          if (closed.compareAndSet(false, true)) {
            try {
              api[0].close();
            } catch (Exception e) {
              log.warn("Stopping the HTTP API failed: {}", e.toString());
            }
            runtime.close();
          }
        };
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "ktrdr-console-shutdown"));
    int resumed = runtime.agent().resumeIfNeeded();
    try {
      api[0] =
          ApiServer.start(
              runtime.agent(), runtime.operations(), runtime.data(), null, apiPort, access);
    } catch (ApiStartException e) {
      // The window is still useful without the API; the CLI just cannot reach this console.
      log.warn("The HTTP API is off: {}", e.getMessage());
    }
    log.info("ktrdr console ready (database {}, {} research(es) resumed)", dbPath, resumed);
    CountDownLatch windowClosed = new CountDownLatch(1);
    Platform.runLater(
        () ->
            ConsoleWindow.openNew(
                runtime.agent(), runtime.operations(), dbPath, windowClosed::countDown));
    windowClosed.await();
    log.info("Window closed; stopping (active researches resume on the next start)");
    shutdown.run();
    Platform.exit();
    return 0;
  }
}
