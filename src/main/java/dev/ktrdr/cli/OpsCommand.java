package dev.ktrdr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.wire.CancelSuccess;
import dev.ktrdr.wire.OperationData;
import dev.ktrdr.wire.OperationEnvelope;
import dev.ktrdr.wire.OperationList;
import dev.ktrdr.wire.QueryParams;
import dev.ktrdr.wire.Routes;
import java.util.ArrayList;
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
      q.put(QueryParams.STATUS, status);
      q.put(QueryParams.OPERATION_TYPE, type);
      q.put(QueryParams.ACTIVE_ONLY, active ? "true" : null);
      q.put(QueryParams.LIMIT, Integer.toString(limit));
      q.put(QueryParams.OFFSET, Integer.toString(offset));
      ApiClient.Reply reply = api.get(q, Routes.OPERATIONS);
      if (json) {
        printJson(reply.requireJson());
        return reply.ok() ? 0 : 1;
      }
      if (!reply.ok()) {
        throw new CliFailure(reply.errorMessage());
      }
      OperationList page = reply.as(OperationList.class);
      if (page.data().isEmpty()) {
        out().println("No operations found.");
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {
            "OPERATION ID", "TYPE", "STATUS", "PHASE", "PROGRESS", "DURATION", "CREATED"
          });
      for (OperationData op : page.data()) {
        rows.add(
            new String[] {
              op.operationId(),
              Formats.text(op.operationType()),
              Formats.text(op.status()),
              Formats.phase(op),
              Formats.percent(op),
              Formats.duration(op.durationSeconds()),
              Formats.text(op.createdAt())
            });
      }
      Formats.table(rows).forEach(out()::println);
      out()
          .printf(
              "%nShowing %d of %d operations (%d active)%n",
              page.data().size(), page.totalCount(), page.activeCount());
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
      ApiClient.Reply reply = api.get(Map.of(), Routes.OPERATION, id);
      if (!reply.ok()) {
        if (json) {
          printJson(reply.requireJson());
          return 1;
        }
        throw new CliFailure(reply.errorMessage());
      }
      ApiClient.Reply kids = api.get(Map.of(), Routes.CHILDREN, id);
      if (json) {
        ObjectNode combined = ((ObjectNode) reply.requireJson()).deepCopy();
        combined.set(
            "children",
            ApiClient.MAPPER.valueToTree(
                kids.ok() ? kids.as(OperationList.class).data() : List.of()));
        printJson(combined);
        return 0;
      }
      OperationData op = reply.as(OperationEnvelope.class).data();
      List<OperationData> children = kids.ok() ? kids.as(OperationList.class).data() : List.of();
      line("Operation", op.operationId());
      line("Type", Formats.text(op.operationType()));
      line("Status", Formats.text(op.status()));
      line("Parent", Formats.text(op.parentOperationId()));
      line("Created", Formats.text(op.createdAt()));
      line("Started", Formats.text(op.startedAt()));
      line("Completed", Formats.text(op.completedAt()));
      line("Duration", Formats.duration(op.durationSeconds()));
      line(
          "Progress",
          Formats.percent(op)
              + " "
              + Formats.text(op.progress() == null ? null : op.progress().currentStep()));
      line("Error", Formats.text(op.errorMessage()));
      section("Parameters", op.metadata() == null ? null : op.metadata().parameters());
      section("Result", op.resultSummary());
      out().println("Children (" + children.size() + "):");
      if (children.isEmpty()) {
        out().println("  -");
      } else {
        List<String[]> rows = new ArrayList<>();
        for (OperationData c : children) {
          rows.add(
              new String[] {
                "  " + c.operationId(),
                Formats.text(c.operationType()),
                Formats.text(c.status()),
                Formats.percent(c),
                "(" + Formats.duration(c.durationSeconds()) + ")"
              });
        }
        Formats.table(rows).forEach(out()::println);
      }
      return 0;
    }

    private void line(String label, String value) {
      out().printf("%-11s %s%n", label + ":", value);
    }

    private void section(String label, Map<String, Object> fields) {
      if (fields == null || fields.isEmpty()) {
        line(label, "-");
        return;
      }
      out().println(label + ":");
      fields.forEach((k, v) -> out().println("  " + k + ": " + Formats.value(v)));
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
      query.put(QueryParams.REASON, reason);
      ApiClient.Reply reply = api.delete(query, Routes.OPERATION, id);
      if (json) {
        printJson(reply.requireJson());
        return reply.ok() ? 0 : 1;
      }
      if (!reply.ok()) {
        err().println("Cannot cancel: " + Formats.cancelRefusal(reply));
        return 1;
      }
      CancelSuccess done = reply.as(CancelSuccess.class);
      String child = done.childCancelled();
      out()
          .println(
              done.message()
                  + ": "
                  + done.operationId()
                  + (child != null && !child.equals(done.operationId())
                      ? " (child " + child + " cancelled)"
                      : ""));
      return 0;
    }
  }
}
