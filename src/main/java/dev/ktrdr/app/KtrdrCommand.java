package dev.ktrdr.app;

import dev.ktrdr.cli.AgentCommand;
import dev.ktrdr.cli.BacktestCommand;
import dev.ktrdr.cli.DataCommand;
import dev.ktrdr.cli.OpsCommand;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ktrdr} command and its faces. */
@Command(
    name = "ktrdr",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Operations console for the ktrdr research coordinator.",
    subcommands = {
      ConsoleCommand.class,
      ServeCommand.class,
      WorkerCommand.class,
      AgentCommand.class,
      OpsCommand.class,
      DataCommand.class,
      BacktestCommand.class,
      DoctorCommand.class,
      CommandLine.HelpCommand.class
    })
public final class KtrdrCommand implements Runnable {
  /** Commands that are HTTP clients: their output is for the user, so engine logs stay quiet. */
  private static final Set<String> CLIENT_COMMANDS =
      Set.of("agent", "ops", "data", "backtest", "doctor");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  /** A configured command line: usage errors exit 2, failures exit 1 without a stack trace. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new KtrdrCommand());
    cl.setExecutionExceptionHandler(new FriendlyErrors());
    shareVersion(cl);
    return cl;
  }

  /** Every subcommand answers {@code --version} like the root does. */
  private static void shareVersion(CommandLine cl) {
    cl.getCommandSpec().versionProvider(new VersionInfo());
    cl.getSubcommands().values().forEach(KtrdrCommand::shareVersion);
  }

  public static void quietLogsForClientCommands(String[] args) {
    if (args.length > 0
        && (CLIENT_COMMANDS.contains(args[0]) || args[0].startsWith("-"))
        && System.getProperty("ktrdr.log.level") == null) {
      System.setProperty("ktrdr.log.level", "WARN");
    }
  }
}
