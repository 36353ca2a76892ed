package dev.ktrdr.app;

import dev.ktrdr.config.ConfigException;
import dev.ktrdr.db.DatabaseException;
import picocli.CommandLine;

/** Turns an exception escaping a command into one line on stderr and exit code 1. */
final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (!(e instanceof ConfigException || e instanceof DatabaseException)) {
      org.slf4j.LoggerFactory.getLogger(FriendlyErrors.class).debug("Command failed", e);
    }
    cl.getErr().println("Error: " + message);
    cl.getErr().flush();
    return 1;
  }
}
