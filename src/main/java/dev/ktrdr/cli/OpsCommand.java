package dev.ktrdr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ktrdr ops list|get|cancel}. */
@Command(
    name = "ops",
    mixinStandardHelpOptions = true,
    description = "List, inspect and cancel operations (client of the HTTP API).",
    subcommands = {OpsCommand.ListOps.class, OpsCommand.Get.class, OpsCommand.CancelOp.class})
public final class OpsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: use list, get or cancel");
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List operations, newest first.")
  static final class ListOps extends ClientCommand {
    @Option(
        names = "--status",
        paramLabel = "S",
        description = "pending, running, completed, failed or cancelled")
    String status;

    @Option(
        names = "--type",
        paramLabel = "T",
        description =
            "agent_research, agent_design, " + "agent_assessment, training or backtesting")
    String type;

    @Option(names = "--active", description = "Only pending and running operations")
    boolean active;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "50",
        description = "At most N rows (default ${DEFAULT-VALUE})")
    int limit;

    @Option(
        names = "--offset",
        paramLabel = "N",
        defaultValue = "0",
        description = "Skip the first N rows")
    int offset;

    @Override
    int run(ApiClient api) {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("status", status);
      q.put("operation_type", type);
      q.put("active_only", active ? "true" : null);
      q.put("limit", Integer.toString(limit));
      q.put("offset", Integer.toString(offset));
      ApiClient.Reply reply = api.get(q, "operations");
      JsonNode j = reply.requireJson(api.baseUrl());
      if (json) {
        printJson(j);
        return reply.ok() ? 0 : 1;
      }
      if (!reply.ok()) {
        throw new CliFailure(reply.errorMessage());
      }
      JsonNode data = j.path("data");
      if (data.size() == 0) {
        out().println("No operations found.");
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {
            "OPERATION ID", "TYPE", "STATUS", "PHASE", "PROGRESS", "DURATION", "CREATED"
          });
      for (JsonNode op : data) {
        rows.add(
            new String[] {
              op.path("operation_id").asText(),
              Formats.text(op, "operation_type"),
              Formats.text(op, "status"),
              Formats.phase(op),
              Formats.percent(op),
              Formats.duration(op.path("duration_seconds").asDouble()),
              Formats.text(op, "created_at")
            });
      }
      Formats.table(rows).forEach(out()::println);
      out()
          .printf(
              "%nShowing %d of %d operations (%d active)%n",
              data.size(), j.path("total_count").asInt(), j.path("active_count").asInt());
      return 0;
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Show one operation with all its fields and its children.")
  static final class Get extends ClientCommand {
    @Parameters(paramLabel = "OPERATION_ID", description = "Operation id")
    String id;

    @Override
    int run(ApiClient api) {
      ApiClient.Reply reply = api.get(Map.of(), "operations", id);
      JsonNode j = reply.requireJson(api.baseUrl());
      if (!reply.ok()) {
        if (json) {
          printJson(j);
          return 1;
        }
        throw new CliFailure(reply.errorMessage());
      }
      ApiClient.Reply kids = api.get(Map.of(), "operations", id, "children");
      JsonNode children =
          kids.ok()
              ? kids.requireJson(api.baseUrl()).path("data")
              : ApiClient.MAPPER.createArrayNode();
      if (json) {
        ObjectNode combined = ((ObjectNode) j).deepCopy();
        combined.set("children", children);
        printJson(combined);
        return 0;
      }
      JsonNode op = j.path("data");
      line("Operation", op.path("operation_id").asText());
      line("Type", Formats.text(op, "operation_type"));
      line("Status", Formats.text(op, "status"));
      line("Parent", Formats.text(op, "parent_operation_id"));
      line("Created", Formats.text(op, "created_at"));
      line("Started", Formats.text(op, "started_at"));
      line("Completed", Formats.text(op, "completed_at"));
      line("Duration", Formats.duration(op.path("duration_seconds").asDouble()));
      line(
          "Progress",
          Formats.percent(op) + " " + Formats.text(op.path("progress"), "current_step"));
      line("Error", Formats.text(op, "error_message"));
      section("Parameters", op.path("metadata").path("parameters"));
      section("Result", op.path("result_summary"));
      out().println("Children (" + children.size() + "):");
      if (children.size() == 0) {
        out().println("  -");
      } else {
        List<String[]> rows = new ArrayList<>();
        for (JsonNode c : children) {
          rows.add(
              new String[] {
                "  " + c.path("operation_id").asText(),
                Formats.text(c, "operation_type"),
                Formats.text(c, "status"),
                Formats.percent(c),
                "(" + Formats.duration(c.path("duration_seconds").asDouble()) + ")"
              });
        }
        Formats.table(rows).forEach(out()::println);
      }
      return 0;
    }

    private void line(String label, String value) {
      out().printf("%-11s %s%n", label + ":", value);
    }

    private void section(String label, JsonNode fields) {
      if (fields == null || !fields.isObject() || fields.size() == 0) {
        line(label, "-");
        return;
      }
      out().println(label + ":");
      for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out().println("  " + e.getKey() + ": " + Formats.value(e.getValue()));
      }
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel an operation; a child operation cancels its research.")
  static final class CancelOp extends ClientCommand {
    @Parameters(paramLabel = "OPERATION_ID", description = "Operation id")
    String id;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded with the cancel")
    String reason;

    @Override
    int run(ApiClient api) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("reason", reason);
      ApiClient.Reply reply = api.delete(query, "operations", id);
      JsonNode j = reply.requireJson(api.baseUrl());
      if (json) {
        printJson(j);
        return reply.ok() ? 0 : 1;
      }
      if (!reply.ok() || !j.path("success").asBoolean()) {
        err().println("Cannot cancel: " + reply.errorMessage());
        return 1;
      }
      String cancelled = j.path("operation_id").asText(id);
      String child =
          j.path("child_cancelled").isNull() ? null : j.path("child_cancelled").asText(null);
      out()
          .println(
              j.path("message").asText("Cancelled")
                  + ": "
                  + cancelled
                  + (child != null && !child.equals(cancelled)
                      ? " (child " + child + " cancelled)"
                      : ""));
      return 0;
    }
  }
}
