package dev.ktrdr.desktop;

import dev.ktrdr.desktop.data.DatasetsModel;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * File → Import dataset…: a CSV file, then its symbol, timeframe and name, then the import off the
 * UI thread and its report (or the one reason nothing was imported) in a dialog. The dialogs are
 * shown without blocking, so the window keeps drawing events while the user types.
 */
final class ImportFlow {
  private final ConsoleViewModel vm;
  private final Supplier<Window> owner;

  ImportFlow(ConsoleViewModel vm, Supplier<Window> owner) {
    this.vm = vm;
    this.owner = owner;
  }

  void run() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Import a dataset (CSV of OHLCV bars)");
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.CSV", "*.txt"),
            new FileChooser.ExtensionFilter("All files", "*"));
    File f = chooser.showOpenDialog(owner.get());
    if (f != null) {
      ask(f.toPath());
    }
  }

  /** The dialog for a chosen file: symbol (from the file's name), timeframe, name. */
  void ask(Path file) {
    Dialog<ButtonType> d = new Dialog<>();
    d.initOwner(owner.get());
    d.setTitle("Import dataset");
    d.setHeaderText("Import " + file.getFileName());
    TextField symbol = new TextField(guessSymbol(file));
    symbol.setId("importSymbol");
    TextField timeframe = new TextField("1d");
    timeframe.setId("importTimeframe");
    timeframe.setPromptText("1m, 5m, 1h, 1d…");
    TextField name = new TextField();
    name.setId("importName");
    name.setPromptText("symbol-timeframe");
    GridPane g = new GridPane();
    g.setHgap(10);
    g.setVgap(8);
    g.setPadding(new Insets(10));
    g.addRow(0, new Label("Symbol"), symbol);
    g.addRow(1, new Label("Timeframe"), timeframe);
    g.addRow(2, new Label("Name (optional)"), name);
    d.getDialogPane().setContent(g);
    d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    d.getDialogPane().setId("importDialog");
    d.setOnShown(e -> Platform.runLater(symbol::requestFocus));
    d.resultProperty()
        .addListener(
            (o, a, button) -> {
              if (button == ButtonType.OK) {
                start(file, symbol.getText(), timeframe.getText(), name.getText());
              }
            });
    d.show();
  }

  private void start(Path file, String symbol, String timeframe, String name) {
    vm.say("Importing " + file.getFileName() + "…");
    vm.datasets().importFile(file, symbol, timeframe, name, this::report);
  }

  private void report(DatasetsModel.ImportOutcome outcome) {
    Alert a = new Alert(outcome.ok() ? Alert.AlertType.INFORMATION : Alert.AlertType.ERROR, null);
    a.initOwner(owner.get());
    a.setTitle(outcome.ok() ? "Dataset imported" : "Nothing imported");
    a.setHeaderText(outcome.ok() ? outcome.lines().get(0) : "Nothing was imported");
    TextArea text =
        new TextArea(
            String.join(
                "\n",
                outcome.ok()
                    ? outcome.lines().subList(1, outcome.lines().size())
                    : outcome.lines()));
    text.setEditable(false);
    text.setWrapText(true);
    text.setPrefRowCount(Math.min(10, outcome.lines().size() + 1));
    text.setId("importReport");
    a.getDialogPane().setContent(text);
    a.getDialogPane().setId(outcome.ok() ? "importDone" : "importFailed");
    vm.say(
        outcome.ok()
            ? "Imported dataset " + outcome.datasetId()
            : "Import failed: " + outcome.lines().get(0));
    a.show();
  }

  /** {@code msft.csv} → {@code MSFT}; {@code BTC-USD_1h.csv} → {@code BTC-USD}. */
  static String guessSymbol(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    String base = dot > 0 ? n.substring(0, dot) : n;
    int cut = base.indexOf('_');
    return (cut > 0 ? base.substring(0, cut) : base).toUpperCase(java.util.Locale.ROOT);
  }
}
