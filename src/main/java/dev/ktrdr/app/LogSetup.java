package dev.ktrdr.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The logging set-up, in code rather than {@code logback.xml}: Logback's XML configurator loads
 * some 350 classes and costs a noticeable part of every start (the CLI's included), for a
 * configuration that never changes. Found by Logback through {@code
 * META-INF/services/ch.qos.logback.classic.spi.Configurator}.
 *
 * <p>Logs go to stderr so that stdout stays for command output. The root level is the system
 * property {@code ktrdr.log.level} (default INFO). A user who points {@code
 * -Dlogback.configurationFile} at a file of their own gets that file instead.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final String LEVEL_PROPERTY = "ktrdr.log.level";
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";

  /** Libraries that are chatty at INFO; their warnings still show. */
  static final Map<String, Level> QUIET_LIBRARIES =
      Map.of(
          "javafx", Level.ERROR, // it warns that it runs from the class path: this jar ships so
          "org.flywaydb", Level.WARN,
          "org.eclipse.jetty", Level.WARN,
          "io.javalin", Level.WARN,
          "com.zaxxer.hikari", Level.WARN);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LevelChangePropagator julLevels = new LevelChangePropagator();
    julLevels.setContext(context);
    julLevels.setResetJUL(true); // java.util.logging (JavaFX) follows the levels below
    context.addListener(julLevels);
    julLevels.start();

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();

    QUIET_LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getProperty(LEVEL_PROPERTY), Level.INFO));
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
