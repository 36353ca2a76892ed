package dev.ktrdr.desktop;

import dev.ktrdr.desktop.notify.Notice;
import dev.ktrdr.desktop.table.OperationRow;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Cancelling from the window, one path for the row's button, Delete and "Cancel selected": a quick
 * confirmation that names each research (Enter confirms, Esc keeps it running), then the service,
 * then the answer in words. A research that already ended is not asked about: the user is told at
 * once that there is nothing to cancel.
 */
final class CancelFlow {
  private final ConsoleViewModel vm;
  private final Supplier<Window> owner;

  CancelFlow(ConsoleViewModel vm, Supplier<Window> owner) {
    this.vm = vm;
    this.owner = owner;
  }

  void confirmAndCancel(List<OperationRow> rows) {
    if (rows.isEmpty()) {
      vm.say("Select one or more researches first (arrow keys or j/k, Shift/Ctrl to extend).");
      return;
    }
    List<OperationRow> cancellable = rows.stream().filter(OperationRow::isCancellable).toList();
    List<OperationRow> ended = rows.stream().filter(r -> !r.isCancellable()).toList();
    if (cancellable.isEmpty()) {
      String text =
          rows.size() == 1
              ? rows.get(0).shortId()
                  + " already "
                  + rows.get(0).status().wire()
                  + ": there is nothing to cancel."
              : "All " + rows.size() + " selected researches already ended: nothing to cancel.";
      vm.say(text);
      vm.publishNotice(new Notice(Notice.Level.INFO, rows.get(0).id(), "Nothing to cancel", text));
      return;
    }
    if (!confirm(cancellable, ended)) {
      vm.say("Kept running.");
      return;
    }
    vm.cancelAll(
        cancellable,
        outcomes -> {
          if (outcomes.size() == 1) {
            ConsoleViewModel.CancelOutcome o = outcomes.get(0);
            if (!o.success()) {
              vm.publishNotice(
                  new Notice(Notice.Level.WARNING, o.operationId(), "Cancel refused", o.message()));
            }
            return;
          }
          Alert done = new Alert(Alert.AlertType.INFORMATION);
          done.initOwner(owner.get());
          done.setTitle("Cancel selected");
          long ok = outcomes.stream().filter(ConsoleViewModel.CancelOutcome::success).count();
          done.setHeaderText("Cancelled " + ok + " of " + outcomes.size());
          done.setContentText(
              outcomes.stream()
                  .map(o -> (o.success() ? "✔ " : "✖ ") + o.operationId() + " — " + o.message())
                  .collect(Collectors.joining("\n")));
          done.getDialogPane().setId("cancelResults");
          done.show();
        });
  }

  private boolean confirm(List<OperationRow> rows, List<OperationRow> ended) {
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
    confirm.initOwner(owner.get());
    confirm.setTitle("Cancel research");
    confirm.setHeaderText(
        rows.size() == 1
            ? "Cancel research " + rows.get(0).shortId() + "?"
            : "Cancel " + rows.size() + " researches?");
    String list =
        rows.stream().limit(12).map(CancelFlow::describe).collect(Collectors.joining("\n"));
    confirm.setContentText(
        list
            + (rows.size() > 12 ? "\n… and " + (rows.size() - 12) + " more" : "")
            + (ended.isEmpty()
                ? ""
                : "\n\n"
                    + ended.size()
                    + " other selected research"
                    + (ended.size() == 1 ? " has" : "es have")
                    + " already ended and "
                    + (ended.size() == 1 ? "is" : "are")
                    + " left as "
                    + (ended.size() == 1 ? "it is" : "they are")
                    + ".")
            + "\n\nRunning work is stopped and its workers are freed.");
    ButtonType yes =
        new ButtonType(
            "Cancel research" + (rows.size() == 1 ? "" : "es"), ButtonBar.ButtonData.OK_DONE);
    ButtonType no = new ButtonType("Keep running", ButtonBar.ButtonData.CANCEL_CLOSE);
    confirm.getButtonTypes().setAll(yes, no);
    ((Button) confirm.getDialogPane().lookupButton(yes)).setDefaultButton(true);
    ((Button) confirm.getDialogPane().lookupButton(no)).setDefaultButton(false);
    confirm.getDialogPane().setId("confirmCancel");
    return confirm.showAndWait().orElse(no) == yes;
  }

  /** {@code 1a2b3c4d · rsi_variant_7 · training 35 % · op_agent_research_…}: what the user saw. */
  static String describe(OperationRow r) {
    String strategy = r.strategyProperty().get();
    return "• "
        + r.shortId()
        + (strategy.isEmpty() ? "" : " · " + strategy)
        + " · "
        + r.phaseProperty().get()
        + " "
        + Math.round(r.progressProperty().get() * 100)
        + "%\n   "
        + r.id();
  }
}
