package dev.ktrdr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ktrdr agent trigger|status|cancel}. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = "Trigger, watch and cancel researches (client of the HTTP API).",
    subcommands = {
      AgentCommand.Trigger.class,
      AgentCommand.Status.class,
      AgentCommand.Cancel.class
    })
public final class AgentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: use trigger, status or cancel");
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

    @Override
    int run(ApiClient api) {
      Map<String, Object> body = new LinkedHashMap<>();
      if (brief != null) {
        body.put("brief", brief);
      }
      if (model != null) {
        body.put("model", model);
      }
      body.put("bypass_gates", bypassGates);
      body.put("force", force);
      ApiClient.Reply reply = api.post(body, "agent", "trigger");
      JsonNode j = reply.requireJson(api.baseUrl());
      if (json) {
        printJson(j);
        return reply.ok() ? 0 : 1;
      }
      if (reply.ok() && j.path("triggered").asBoolean()) {
        out().println("Research triggered: " + j.path("operation_id").asText());
        return 0;
      }
      String reason = j.path("reason").asText("");
      if ("at_capacity".equals(reason)) {
        err()
            .printf(
                "Cannot trigger: at capacity (%d active researches, limit is %d)%n",
                j.path("active_count").asInt(), j.path("limit").asInt());
        err().println("Use --force to override limit");
      } else if ("budget_exhausted".equals(reason)) {
        err().println("Cannot trigger: " + reply.errorMessage());
        err().println("Use --force to override the budget");
      } else {
        err().println("Cannot trigger: " + reply.errorMessage());
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
      ApiClient.Reply reply = api.get(Map.of(), "agent", "status");
      JsonNode j = reply.requireJson(api.baseUrl());
      if (json) {
        printJson(j);
        return reply.ok() ? 0 : 1;
      }
      if (!reply.ok()) {
        throw new CliFailure(reply.errorMessage());
      }
      JsonNode active = j.path("active_researches");
      out().println("Active researches: " + active.size());
      out().println();
      for (JsonNode r : active) {
        out()
            .printf(
                "  %s  %-12s strategy: %-18s (%s)%n",
                r.path("operation_id").asText(),
                Formats.text(r, "phase"),
                Formats.text(r, "strategy_name"),
                Formats.duration(r.path("duration_seconds").asDouble()));
      }
      if (active.size() > 0) {
        out().println();
      }
      JsonNode w = j.path("workers");
      out()
          .printf(
              "Workers: training %d/%d, backtest %d/%d%n",
              w.path("training").path("busy").asInt(),
              w.path("training").path("total").asInt(),
              w.path("backtesting").path("busy").asInt(),
              w.path("backtesting").path("total").asInt());
      out()
          .printf(
              java.util.Locale.ROOT,
              "Budget: $%.2f remaining today%n",
              j.path("budget").path("remaining").asDouble());
      out()
          .printf(
              "Capacity: %d/%d researches%n",
              j.path("capacity").path("active").asInt(), j.path("capacity").path("limit").asInt());
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
        query.put("reason", reason);
        ApiClient.Reply reply = api.delete(query, "agent", "cancel", id);
        JsonNode j = reply.requireJson(api.baseUrl());
        replies.add(j);
        boolean ok = reply.ok() && j.path("success").asBoolean();
        allOk &= ok;
        if (json) {
          continue;
        }
        if (ok) {
          out().println("Research cancelled: " + j.path("operation_id").asText(id));
        } else {
          err()
              .println(
                  (ids.size() == 1 ? "Cannot cancel: " : "Cannot cancel " + id + ": ")
                      + reply.errorMessage());
        }
      }
      if (json) {
        printJson(ids.size() == 1 ? replies.get(0) : replies);
      }
      return allOk ? 0 : 1;
    }
  }
}
