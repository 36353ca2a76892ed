package dev.ktrdr.desktop;

import java.io.File;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks where and how to export the logs: format and scope, then the platform's file chooser. */
final class ExportDialog {
  private ExportDialog() {}

  /** Format and scope in a small dialog, then the file in the platform's file chooser. */
  static Optional<ConsoleView.ExportChoice> ask(Window owner, int visibleRows, int allRows) {
    Dialog<ButtonType> d = new Dialog<>();
    d.initOwner(owner);
    d.setTitle("Export logs");
    d.setHeaderText("Export operation events");
    ToggleGroup format = new ToggleGroup();
    RadioButton jsonl = new RadioButton("JSON Lines (one JSON object per event)");
    RadioButton csv = new RadioButton("CSV (with a header row)");
    jsonl.setToggleGroup(format);
    csv.setToggleGroup(format);
    jsonl.setSelected(true);
    ToggleGroup scope = new ToggleGroup();
    RadioButton all = new RadioButton("All events in the database");
    RadioButton visible =
        new RadioButton(
            "Only the "
                + visibleRows
                + " filtered row"
                + (visibleRows == 1 ? "" : "s")
                + " (of "
                + allRows
                + ") and their children");
    all.setToggleGroup(scope);
    visible.setToggleGroup(scope);
    all.setSelected(true);
    GridPane g = new GridPane();
    g.setHgap(10);
    g.setVgap(8);
    g.setPadding(new Insets(10));
    g.addRow(0, new Label("Format"), new VBox(6, jsonl, csv));
    g.addRow(1, new Label("Events"), new VBox(6, all, visible));
    d.getDialogPane().setContent(g);
    d.getDialogPane()
        .getButtonTypes()
        .addAll(new ButtonType("Choose file…", ButtonBar.ButtonData.OK_DONE), ButtonType.CANCEL);
    Optional<ButtonType> b = d.showAndWait();
    if (b.isEmpty() || b.get().getButtonData() != ButtonBar.ButtonData.OK_DONE) {
      return Optional.empty();
    }
    LogExporter.Format f =
        csv.isSelected() ? LogExporter.Format.CSV : LogExporter.Format.JSON_LINES;
    FileChooser fc = new FileChooser();
    fc.setTitle("Export logs");
    fc.setInitialFileName("ktrdr-events." + f.extension());
    fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.label(), "*." + f.extension()));
    File file = fc.showSaveDialog(owner);
    return file == null
        ? Optional.empty()
        : Optional.of(new ConsoleView.ExportChoice(file.toPath(), f, visible.isSelected()));
  }
}
