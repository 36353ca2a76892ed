package dev.ktrdr.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogSetupTest {
  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void clearProperties() {
    System.clearProperty(LogSetup.LEVEL_PROPERTY);
    System.clearProperty("logback.configurationFile");
    context.stop();
  }

  private ExecutionStatus configure() {
    LogSetup setup = new LogSetup();
    setup.setContext(context);
    return setup.configure(context);
  }

  @Test
  void rootLogsInfoToStderrAndQuietsTheChattyLibraries() {
    assertThat(configure()).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getAppender("STDERR"))
        .isInstanceOfSatisfying(
            ConsoleAppender.class,
            a -> {
              assertThat(a.getTarget()).isEqualTo("System.err");
              assertThat(a.isStarted()).isTrue();
            });
    assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("javafx.scene").getEffectiveLevel()).isEqualTo(Level.ERROR);
    assertThat(context.getLogger("dev.ktrdr.agent.AgentService").getEffectiveLevel())
        .isEqualTo(Level.INFO);
  }

  @Test
  void theLevelPropertySetsTheRootLevel() {
    System.setProperty(LogSetup.LEVEL_PROPERTY, "WARN");

    configure();

    assertThat(context.getLogger("dev.ktrdr").getEffectiveLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void aConfigurationFileOfTheUsersOwnTakesOver() {
    System.setProperty("logback.configurationFile", "/tmp/mine.xml");

    assertThat(configure()).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
  }
}
