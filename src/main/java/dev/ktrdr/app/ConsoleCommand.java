package dev.ktrdr.app;

import dev.ktrdr.api.ApiServer;
import dev.ktrdr.api.ApiStartException;
import dev.ktrdr.config.ApiAccess;
import dev.ktrdr.config.ConfigException;
import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.config.EnvVar;
import dev.ktrdr.config.Settings;
import dev.ktrdr.desktop.ConsoleWindow;
import dev.ktrdr.desktop.connect.RemoteBackend;
import dev.ktrdr.remote.RemoteServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ktrdr console}: the coordinator with its window (and the HTTP API beside it).
 *
 * <p>Cold start, in order of what the user sees: the database opens on one thread while the toolkit
 * starts on another; the window appears as soon as the toolkit runs (saying that the database is
 * opening), the console replaces it once the engine is ready, and its table fills in the
 * background, page by page. Resuming active researches and starting the HTTP API come after the
 * window. The log says how long each took ("window interactive … after launch").
 */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description =
        "Open the desktop console: the research coordinator with a live operations "
            + "table, and the HTTP API on 127.0.0.1.")
public final class ConsoleCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ConsoleCommand.class);
  private static final int FIRST_DRAW_WAIT_SECONDS = 20;

  @Option(names = "--port", description = "API port (default $KTRDR_PORT or 8000)")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description =
          "Address the API listens on (default $KTRDR_HOST or 127.0.0.1); anything but"
              + " loopback needs $KTRDR_API_TOKEN or $KTRDR_API_TOKENS")
  String host;

  @Option(
      names = "--db",
      paramLabel = "PATH|URL",
      description = "SQLite database file, or postgresql://user[:password]@host:5432/db")
  String db;

  @Option(
      names = "--connect",
      paramLabel = "URL",
      description =
          "Open the window on a running `ktrdr serve` (http://HOST:PORT) instead of a coordinator"
              + " of its own; sends $KTRDR_API_TOKEN when set")
  String connect;

  @Override
  public Integer call() throws Exception {
    if (connect != null) {
      if (port != null || host != null || db != null) {
        throw new ConfigException(
            "--connect opens a window on a server elsewhere: --port, --host and --db belong to"
                + " that server's `ktrdr serve`");
      }
      return openConnected(connect);
    }
    long launched = ManagementFactory.getRuntimeMXBean().getStartTime();
    Settings settings = Settings.fromEnvironment();
    int apiPort = port != null ? port : settings.port();
    DatabaseLocation database = settings.database(db, System.getenv());
    // The window's state lives beside the SQLite file; on PostgreSQL, beside the default one.
    Path dbPath =
        database instanceof DatabaseLocation.SqliteFile
            ? ((DatabaseLocation.SqliteFile) database).path()
            : Settings.defaultDatabaseFile(System.getenv());
    ApiAccess access =
        host == null ? settings.apiAccess() : settings.apiAccess().withBindHost(host);
    access.requireTokenIfExposed(); // before the window opens: a refused start changes nothing
    CompletableFuture<Engine> opening = new CompletableFuture<>();
    Thread opener =
        new Thread(
            () -> {
              try {
                opening.complete(Engine.open(settings, database, Clock.systemUTC()));
              } catch (RuntimeException | Error e) {
                opening.completeExceptionally(e);
              }
            },
            "ktrdr-engine-open");
    opener.start();
    try {
      FxToolkit.start();
    } catch (RuntimeException | Error e) {
      closeWhenOpened(opening);
      throw new IllegalStateException(
          "Cannot open a window ("
              + e.getMessage()
              + "). On a "
              + "machine without a display use `ktrdr serve`.",
          e);
    }
    // The window first, its engine when the database has opened.
    CompletableFuture<ConsoleWindow> shown = new CompletableFuture<>();
    CountDownLatch windowClosed = new CountDownLatch(1);
    CountDownLatch drawn = new CountDownLatch(1);
    Platform.runLater(
        () -> {
          ConsoleWindow w = ConsoleWindow.openStarting(dbPath, windowClosed::countDown);
          w.whenDrawn(
              () -> {
                log.info(
                    "Window interactive {} after launch (the database still opening: {})",
                    seconds(System.currentTimeMillis() - launched),
                    !opening.isDone());
                drawn.countDown();
              });
          shown.complete(w);
        });
    Engine runtime;
    try {
      runtime = opening.join();
    } catch (CompletionException e) {
      Platform.runLater(() -> shown.thenAccept(ConsoleWindow::close));
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
    long engineReady = System.currentTimeMillis();
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
    ConsoleWindow window = shown.join();
    Platform.runLater(
        () -> {
          window.attach(runtime.agent(), runtime.operations(), runtime.data());
          log.info("Engine ready {} after launch", seconds(engineReady - launched));
        });
    // The window first: on a busy machine the API's start-up would compete with it for the CPU.
    if (!drawn.await(FIRST_DRAW_WAIT_SECONDS, TimeUnit.SECONDS)) {
      log.warn(
          "The window took over {} s to appear; starting the API anyway", FIRST_DRAW_WAIT_SECONDS);
    }
    int resumed = runtime.agent().resumeIfNeeded();
    try {
      api[0] =
          ApiServer.start(
              runtime.agent(),
              runtime.operations(),
              runtime.data(),
              runtime.remoteWorkers(),
              null,
              apiPort,
              access);
    } catch (ApiStartException e) {
      // The window is still useful without the API; the CLI just cannot reach this console.
      log.warn("The HTTP API is off: {}", e.getMessage());
    }
    log.info(
        "ktrdr console ready (database {}, {} research(es) resumed)", database.display(), resumed);
    windowClosed.await();
    log.info("Window closed; stopping (active researches resume on the next start)");
    shutdown.run();
    Platform.exit();
    return 0;
  }

  /**
   * The window on a remote {@code serve}: no database, no coordinator, no API here. The server is
   * asked for its status first, so a wrong URL or token is one clear line, not an empty window.
   */
  private Integer openConnected(String url) throws InterruptedException {
    String token = System.getenv(EnvVar.KTRDR_API_TOKEN.name());
    RemoteServer server = new RemoteServer(url, token == null || token.isBlank() ? null : token);
    server.status(); // throws, in words, when the server cannot be reached or refuses the token
    try {
      FxToolkit.start();
    } catch (RuntimeException | Error e) {
      throw new IllegalStateException(
          "Cannot open a window ("
              + e.getMessage()
              + "). Use `ktrdr agent status` and the other"
              + " CLI commands with KTRDR_API_URL="
              + url
              + " instead.",
          e);
    }
    RemoteBackend backend = new RemoteBackend(server, Clock.systemUTC());
    CountDownLatch windowClosed = new CountDownLatch(1);
    Path statePath = Settings.defaultDatabaseFile(System.getenv());
    Platform.runLater(
        () -> ConsoleWindow.openConnected(backend, statePath, windowClosed::countDown));
    log.info("ktrdr console connected to {}", server.url());
    windowClosed.await();
    log.info("Window closed; the server at {} keeps running", server.url());
    backend.close();
    Platform.exit();
    return 0;
  }

  private static void closeWhenOpened(CompletableFuture<Engine> opening) {
    opening.thenAccept(Engine::close);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
  }
}
