package dev.ktrdr.app;

import dev.ktrdr.agent.AgentRuntime;
import dev.ktrdr.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ktrdr serve}: the coordinator without a window. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the research coordinator headless (no window).")
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--port", description = "API port on 127.0.0.1 (default $KTRDR_PORT or 8000)")
  Integer port;

  @Option(names = "--db", description = "SQLite database file")
  Path db;

  @Override
  public Integer call() throws InterruptedException {
    Settings settings = Settings.fromEnvironment();
    Path dbPath = settings.databasePath(db, System.getenv());
    FxToolkit.startHeadless();
    AgentRuntime runtime = AgentRuntime.open(settings, dbPath, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Shutting down");
      runtime.close();
      stopped.countDown();
    }, "ktrdr-shutdown"));
    runtime.agent().resumeIfNeeded();
    log.info("ktrdr serve ready (database {})", dbPath);
    stopped.await();
    return 0;
  }
}
