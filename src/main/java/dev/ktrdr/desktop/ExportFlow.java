package dev.ktrdr.desktop;

import dev.ktrdr.desktop.log.ExportDialog;
import dev.ktrdr.desktop.notify.Notice;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Ctrl+E: how (format, scope), then where — starting in the folder used last, or home, with a dated
 * name — then the export off the FX thread and its outcome in words.
 */
final class ExportFlow {
  private final ConsoleViewModel vm;
  private final Supplier<Window> owner;
  private ConsoleView.ExportPrompt prompt = this::ask;
  private ExportDialog.FilePicker picker = ExportDialog::chooseFile;
  private String folder;

  ExportFlow(ConsoleViewModel vm, Supplier<Window> owner) {
    this.vm = vm;
    this.owner = owner;
  }

  void run() {
    Optional<ConsoleView.ExportChoice> choice =
        prompt.ask(owner.get(), vm.visibleRows().size(), vm.rows().size());
    choice.ifPresent(
        c -> {
          if (c.file().toAbsolutePath().getParent() != null) {
            folder = c.file().toAbsolutePath().getParent().toString();
          }
          vm.exportLogs(c.file(), c.format(), c.visibleOnly(), this::done);
        });
  }

  private void done(ConsoleViewModel.ExportResult result) {
    if (!result.ok()) {
      Alert a = new Alert(Alert.AlertType.WARNING, result.message(), ButtonType.OK);
      a.initOwner(owner.get());
      a.setTitle("Export logs");
      a.setHeaderText("The logs were not exported");
      a.getDialogPane().setId("exportFailed");
      a.show();
    } else {
      vm.publishNotice(new Notice(Notice.Level.INFO, null, "Logs exported", result.message()));
    }
  }

  /** The default prompt: format and scope, then the file. */
  private Optional<ConsoleView.ExportChoice> ask(Window w, int visible, int all) {
    return ExportDialog.askOptions(w, visible, all)
        .flatMap(
            o ->
                picker
                    .pick(
                        w,
                        ExportDialog.startFolder(folder),
                        ExportDialog.suggestedName(o.format(), LocalDateTime.now()),
                        o.format())
                    .map(f -> new ConsoleView.ExportChoice(f, o.format(), o.visibleOnly())));
  }

  void setPrompt(ConsoleView.ExportPrompt prompt) {
    this.prompt = prompt;
  }

  void setPicker(ExportDialog.FilePicker picker) {
    this.picker = picker;
  }

  String folder() {
    return folder;
  }

  void setFolder(String folder) {
    this.folder = folder;
  }
}
