package dev.ktrdr.desktop;

import dev.ktrdr.agent.CancelSource;
import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.agent.ValidationException;
import dev.ktrdr.agent.reply.CancelReply;
import dev.ktrdr.agent.reply.Cancelled;
import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.desktop.log.ExportException;
import dev.ktrdr.desktop.log.LogExporter;
import dev.ktrdr.desktop.notify.Notice;
import dev.ktrdr.desktop.shell.Engine;
import dev.ktrdr.desktop.shell.TaskExecutor;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.operations.Operation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the user can do from the console — trigger, cancel, export — each a service call off the UI
 * thread whose answer is shown in words. The same {@code AgentService} methods the API and the CLI
 * call.
 */
final class ConsoleActions {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleActions.class);

  /** Where the actions report: the status line, the log pane, the pop-ups. */
  interface Feedback {
    void say(String text);

    void note(String operationId, String text);

    void notice(Notice n);

    void fail(String what, Throwable e);

    void triggered(String operationId);

    /** A fresh snapshot of a research, read after an action. */
    void updated(Operation research);
  }

  private record CancelResult(CancelReply reply, Operation after) {}

  private final Engine engine;
  private final TaskExecutor executor;
  private final Clock clock;
  private final Feedback feedback;

  ConsoleActions(Engine engine, TaskExecutor executor, Clock clock, Feedback feedback) {
    this.engine = engine;
    this.executor = executor;
    this.clock = clock;
    this.feedback = feedback;
  }

  void trigger(
      String brief,
      String model,
      boolean bypassGates,
      boolean force,
      String datasetId,
      Consumer<TriggerReply> done) {
    feedback.say("Triggering…");
    TriggerRequest request =
        new TriggerRequest(brief, model, bypassGates, force).onDataset(datasetId, null, null);
    executor.execute(
        () -> engine.backend().trigger(request),
        reply -> {
          if (reply instanceof Triggered) {
            String id = ((Triggered) reply).operationId();
            feedback.say("Research triggered: " + id);
            feedback.triggered(id);
          } else {
            feedback.say("Cannot trigger: " + reply.message());
            feedback.note(null, "Trigger refused: " + reply.message());
            feedback.notice(
                new Notice(Notice.Level.WARNING, null, "Cannot trigger", reply.message()));
          }
          done.accept(reply);
        },
        e -> {
          done.accept(null);
          if (e instanceof ValidationException || e instanceof Engine.StartingException) {
            feedback.say("Cannot trigger: " + e.getMessage());
            feedback.notice(
                new Notice(Notice.Level.WARNING, null, "Cannot trigger", e.getMessage()));
          } else {
            feedback.fail("Trigger failed", e);
          }
        });
  }

  /**
   * Cancels researches, one service call each, and reports one outcome per row (in the given order)
   * to {@code done} on the UI thread. The rows are the ones the user confirmed: what they saw,
   * never what slid into their place.
   */
  void cancelAll(List<OperationRow> targets, Consumer<List<ConsoleViewModel.CancelOutcome>> done) {
    List<OperationRow> list = List.copyOf(targets);
    if (list.isEmpty()) {
      return;
    }
    for (OperationRow r : list) {
      if (r.isCancellable()) {
        r.setCancelling(true);
      }
    }
    feedback.say(
        list.size() == 1
            ? "Cancelling " + list.get(0).id() + "…"
            : "Cancelling " + list.size() + " researches…");
    executor.execute(
        () -> {
          List<CancelResult> results = new ArrayList<>();
          for (OperationRow r : list) {
            CancelReply reply = engine.backend().cancel(r.id(), CancelSource.DESKTOP);
            results.add(new CancelResult(reply, engine.backend().get(r.id()).orElse(null)));
          }
          return results;
        },
        results -> {
          List<ConsoleViewModel.CancelOutcome> outcomes = new ArrayList<>();
          for (int i = 0; i < list.size(); i++) {
            outcomes.add(applyCancel(list.get(i), results.get(i)));
          }
          if (outcomes.size() > 1) {
            long ok = outcomes.stream().filter(ConsoleViewModel.CancelOutcome::success).count();
            feedback.say("Cancelled " + ok + " of " + outcomes.size() + " researches");
          }
          done.accept(outcomes);
        },
        e -> {
          list.forEach(r -> r.setCancelling(false));
          feedback.fail("Cancel failed", e);
        });
  }

  private ConsoleViewModel.CancelOutcome applyCancel(OperationRow row, CancelResult res) {
    row.setCancelling(false);
    if (res.after() != null) {
      feedback.updated(res.after());
    }
    CancelReply reply = res.reply();
    String text;
    if (reply.success()) {
      String child = ((Cancelled) reply).childCancelled();
      text = "Research cancelled" + (child == null ? "" : " (child " + child + " cancelled)");
    } else {
      text = "Cancel refused: " + reply.message();
    }
    row.setNote(text);
    feedback.say(row.id() + ": " + text);
    feedback.note(row.id(), text);
    return new ConsoleViewModel.CancelOutcome(row.id(), reply.success(), text);
  }

  /**
   * Exports the persisted events — all of them, or those of {@code researchIds} and their children
   * — and reports what happened, in words, to {@code done}.
   */
  void exportLogs(
      Path file,
      LogExporter.Format format,
      List<String> researchIds,
      Consumer<ConsoleViewModel.ExportResult> done) {
    feedback.say("Exporting to " + file + "…");
    executor.execute(
        () -> LogExporter.write(LogExporter.collect(engine.backend(), researchIds), format, file),
        n -> {
          String text = "Exported " + n + " events to " + file;
          feedback.say(text);
          done.accept(new ConsoleViewModel.ExportResult(true, text));
        },
        e -> {
          String text = e instanceof ExportException ? e.getMessage() : "Export failed: " + e;
          if (!(e instanceof ExportException)) {
            LOG.warn("Export failed", e);
          }
          feedback.say(text);
          done.accept(new ConsoleViewModel.ExportResult(false, text));
        });
  }
}
