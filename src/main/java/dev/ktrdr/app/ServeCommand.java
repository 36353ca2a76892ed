package dev.ktrdr.app;

import dev.ktrdr.api.ApiServer;
import dev.ktrdr.config.ApiAccess;
import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.config.Settings;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ktrdr serve}: the coordinator and the HTTP API without a window. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Run the research coordinator and the HTTP API headless (no window).")
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "API port (default $KTRDR_PORT or 8000)")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description =
          "Address to listen on (default $KTRDR_HOST or 127.0.0.1); anything but loopback"
              + " needs $KTRDR_API_TOKEN or $KTRDR_API_TOKENS")
  String host;

  @Option(
      names = "--db",
      paramLabel = "PATH|URL",
      description =
          "SQLite database file, or postgresql://user[:password]@host:5432/db "
              + "(default $KTRDR_DB, else $XDG_DATA_HOME/ktrdr/ktrdr.db)")
  String db;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Opens the database (refused if another process holds it), starts the API, resumes active
   * researches, then blocks until the JVM is asked to stop. Shutdown stops the API first, then the
   * engine; nothing is cancelled, so the next start resumes what was running.
   */
  @Override
  public Integer call() throws InterruptedException {
    Settings settings = Settings.fromEnvironment();
    int apiPort = port != null ? port : settings.port();
    if (apiPort < 0 || apiPort > 65_535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --port " + apiPort + ": expected 0 to 65535");
    }
    DatabaseLocation database = settings.database(db, System.getenv());
    ApiAccess access =
        host == null ? settings.apiAccess() : settings.apiAccess().withBindHost(host);
    access.requireTokenIfExposed(); // before anything opens: a refused start changes nothing
    FxToolkit.startHeadlessInBackground(); // while the database opens
    Engine runtime = Engine.open(settings, database, Clock.systemUTC());
    ApiServer api;
    try {
      api =
          ApiServer.start(
              runtime.agent(),
              runtime.operations(),
              runtime.data(),
              runtime.remoteWorkers(),
              null,
              apiPort,
              access);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info(
                      "Shutting down: stopping the API, then the engine (nothing is cancelled)");
                  try {
                    api.close();
                  } finally {
                    runtime.close();
                    stopped.countDown();
                  }
                },
                "ktrdr-shutdown"));
    int resumed = runtime.agent().resumeIfNeeded();
    java.io.PrintWriter out = spec.commandLine().getOut(); // stdout: the launch line is output
    out.printf(
        "ktrdr serve listening on http://%s:%d (database %s)%n",
        api.host(), api.port(), database.display());
    if (resumed > 0) {
      out.printf("Resuming %d active research(es)%n", resumed);
    }
    out.flush();
    stopped.await();
    return 0;
  }
}
