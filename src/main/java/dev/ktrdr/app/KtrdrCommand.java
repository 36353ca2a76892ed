package dev.ktrdr.app;

import dev.ktrdr.cli.AgentCommand;
import dev.ktrdr.cli.BacktestCommand;
import dev.ktrdr.cli.DataCommand;
import dev.ktrdr.cli.OpsCommand;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ktrdr} command and its faces. */
@Command(
    name = "ktrdr",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Operations console for the ktrdr research coordinator.")
public final class KtrdrCommand implements Runnable {
  /** Commands that are HTTP clients: their output is for the user, so engine logs stay quiet. */
  private static final Set<String> CLIENT_COMMANDS =
      Set.of("agent", "ops", "data", "backtest", "doctor");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  /**
   * The faces, in the order the help lists them. Built on demand: picocli reads every option of
   * every command it is given by reflection, which took a quarter of a second of each start.
   */
  private static final Map<String, Supplier<Object>> FACES = faces();

  private static Map<String, Supplier<Object>> faces() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("console", ConsoleCommand::new);
    m.put("serve", ServeCommand::new);
    m.put("worker", WorkerCommand::new);
    m.put("agent", AgentCommand::new);
    m.put("ops", OpsCommand::new);
    m.put("data", DataCommand::new);
    m.put("backtest", BacktestCommand::new);
    m.put("doctor", DoctorCommand::new);
    m.put("help", CommandLine.HelpCommand::new);
    return Collections.unmodifiableMap(m);
  }

  /**
   * A configured command line with every face: usage errors exit 2, failures exit 1 without a stack
   * trace.
   */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * As {@link #commandLine()}, for running {@code args}: when they name a face, only that face is
   * built (its help, errors and suggestions are its own); else every face, for the root's help and
   * its "did you mean" suggestions.
   */
  public static CommandLine commandLine(String[] args) {
    CommandLine cl = new CommandLine(new KtrdrCommand());
    Supplier<Object> only = args.length > 0 && !args[0].equals("help") ? FACES.get(args[0]) : null;
    if (only != null) {
      cl.addSubcommand(args[0], only.get());
    } else {
      FACES.forEach((name, face) -> cl.addSubcommand(name, face.get()));
    }
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
