package dev.ktrdr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ktrdr.wire.CancelSuccess;
import dev.ktrdr.wire.QueryParams;
import dev.ktrdr.wire.Routes;
import dev.ktrdr.wire.TriggerRefusal;
import dev.ktrdr.wire.TriggerRequest;
import dev.ktrdr.wire.Triggered;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ktrdr agent trigger|status|cancel|watch}. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = "Trigger, watch and cancel researches (client of the HTTP API).",
    subcommands = {
      AgentCommand.Trigger.class,
      AgentCommand.Status.class,
      AgentCommand.Cancel.class,
      WatchCommand.class
    })
public final class AgentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: use trigger, status, cancel or watch");
  }

  @Command(name = "trigger", mixinStandardHelpOptions = true, description = "Start a research.")
  static final class Trigger extends ClientCommand {
    @Option(names = "--brief", paramLabel = "TEXT", description = "What to research")
    String brief;

    @Option(names = "--model", paramLabel = "M", description = "opus, sonnet (default) or haiku")
    String model;

    @Option(names = "--force", description = "Start even at capacity or over budget")
    boolean force;

    @Option(names = "--bypass-gates", description = "Skip the training and backtest gates")
    boolean bypassGates;

    @Option(
        names = "--dataset",
        paramLabel = "ID",
        description = "Research this dataset (see `ktrdr data list`)")
    String dataset;

    @Option(
        names = "--symbol",
        paramLabel = "S",
        description = "Research a dataset of this symbol, e.g. BTC/USD")
    String symbol;

    @Option(
        names = "--timeframe",
        paramLabel = "T",
        description = "Research a dataset of this timeframe, e.g. 1h")
    String timeframe;

    @Option(
        names = "--seed",
        paramLabel = "N",
        description = "Makes the research repeatable (default: drawn and recorded)")
    Long seed;

    @Override
    int run(ApiClient api) {
      ApiClient.Reply reply =
          api.post(
              new TriggerRequest(
                  brief, model, bypassGates, force, dataset, symbol, timeframe, seed),
              Routes.TRIGGER);
      if (json) {
        printJson(reply.requireJson());
        return reply.ok() ? 0 : 1;
      }
      if (reply.status() == 202) {
        out().println("Research triggered: " + reply.as(Triggered.class).operationId());
        return 0;
      }
      if (reply.status() != 409) {
        err().println("Cannot trigger: " + reply.errorMessage());
        return 1;
      }
      TriggerRefusal refusal = reply.as(TriggerRefusal.class);
      switch (refusal.reason()) {
        case AT_CAPACITY:
          err()
              .printf(
                  "Cannot trigger: at capacity (%d active researches, limit is %d)%n",
                  refusal.activeCount(), refusal.limit());
          err().println("Use --force to override limit");
          break;
        case BUDGET_EXHAUSTED:
          err().println("Cannot trigger: " + refusal.message());
          err().println("Use --force to override the budget");
          break;
        default:
          err().println("Cannot trigger: " + refusal.message());
      }
      return 1;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show active researches, workers, budget and capacity.")
  static final class Status extends ClientCommand {
    @Override
    int run(ApiClient api) {
      ApiClient.Reply reply = api.get(Map.of(), Routes.STATUS);
      if (json) {
        printJson(reply.requireJson());
        return reply.ok() ? 0 : 1;
      }
      if (!reply.ok()) {
        throw new CliFailure(reply.errorMessage());
      }
      dev.ktrdr.wire.Status status = reply.as(dev.ktrdr.wire.Status.class);
      out().println("Active researches: " + status.activeResearches().size());
      out().println();
      for (dev.ktrdr.wire.Status.ActiveResearch r : status.activeResearches()) {
        out()
            .printf(
                "  %s  %-12s strategy: %-18s (%s)%n",
                r.operationId(),
                Formats.text(r.phase()),
                Formats.text(r.strategyName()),
                Formats.duration(r.durationSeconds()));
      }
      if (!status.activeResearches().isEmpty()) {
        out().println();
      }
      dev.ktrdr.wire.Status.Workers w = status.workers();
      out()
          .printf(
              "Workers: training %d/%d, backtest %d/%d%n",
              w.training().busy(),
              w.training().total(),
              w.backtesting().busy(),
              w.backtesting().total());
      out()
          .printf(
              java.util.Locale.ROOT,
              "Budget: $%.2f remaining today%n",
              status.budget().remaining());
      out()
          .printf(
              "Capacity: %d/%d researches%n",
              status.capacity().active(), status.capacity().limit());
      return 0;
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel one or more researches (and their running child operations).")
  static final class Cancel extends ClientCommand {
    @Parameters(
        arity = "1..*",
        paramLabel = "OPERATION_ID",
        description = "Research operation id(s)")
    List<String> ids;

    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        description = "Why; recorded with the cancel (default \"Cancelled by user\")")
    String reason;

    @Override
    int run(ApiClient api) {
      ArrayNode replies = ApiClient.MAPPER.createArrayNode();
      boolean allOk = true;
      for (String id : ids) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put(QueryParams.REASON, reason);
        ApiClient.Reply reply = api.delete(query, Routes.CANCEL, id);
        replies.add(reply.requireJson());
        allOk &= reply.ok();
        if (json) {
          continue;
        }
        if (reply.ok()) {
          out().println("Research cancelled: " + reply.as(CancelSuccess.class).operationId());
        } else {
          err()
              .println(
                  (ids.size() == 1 ? "Cannot cancel: " : "Cannot cancel " + id + ": ")
                      + Formats.cancelRefusal(reply));
        }
      }
      if (json) {
        printJson(ids.size() == 1 ? replies.get(0) : replies);
      }
      return allOk ? 0 : 1;
    }
  }
}
