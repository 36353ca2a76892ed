package dev.ktrdr.desktop.log;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks how to export the logs (format and scope), then where, in the platform's file chooser. */
public final class ExportDialog {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm");

  /** Format and scope, as chosen in the dialog. */
  public record Options(LogExporter.Format format, boolean visibleOnly) {}

  /** Picks the file; the platform's file chooser, or a stand-in in tests. */
  @FunctionalInterface
  public interface FilePicker {
    Optional<Path> pick(Window owner, Path folder, String name, LogExporter.Format format);
  }

  private ExportDialog() {}

  /**
   * Format and scope in a small modal dialog. Enter anywhere in it — on a radio button too —
   * chooses the file; Esc cancels.
   */
  public static Optional<Options> askOptions(Window owner, int visibleRows, int allRows) {
    Dialog<ButtonType> d = new Dialog<>();
    d.initOwner(owner);
    d.setTitle("Export logs");
    d.setHeaderText("Export operation events");
    ToggleGroup format = new ToggleGroup();
    RadioButton jsonl = new RadioButton("JSON Lines (one JSON object per event)");
    RadioButton csv = new RadioButton("CSV (with a header row)");
    jsonl.setId("exportJsonl");
    csv.setId("exportCsv");
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
    all.setId("exportAll");
    visible.setId("exportVisible");
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
    d.getDialogPane().setId("exportOptions");
    ButtonType choose = new ButtonType("Choose file…", ButtonBar.ButtonData.OK_DONE);
    d.getDialogPane().getButtonTypes().addAll(choose, ButtonType.CANCEL);
    Button ok = (Button) d.getDialogPane().lookupButton(choose);
    ok.setDefaultButton(true);
    // A focused radio button swallows Enter; in a dialog Enter means "go on".
    d.getDialogPane()
        .addEventFilter(
            KeyEvent.KEY_PRESSED,
            e -> {
              if (e.getCode() == KeyCode.ENTER && e.getTarget() instanceof RadioButton) {
                e.consume();
                ((RadioButton) e.getTarget()).setSelected(true);
                ok.fire();
              }
            });
    Optional<ButtonType> b = d.showAndWait();
    if (b.isEmpty() || b.get() != choose) {
      return Optional.empty();
    }
    return Optional.of(
        new Options(
            csv.isSelected() ? LogExporter.Format.CSV : LogExporter.Format.JSON_LINES,
            visible.isSelected()));
  }

  /** The platform's save dialog, opening in {@code folder} with {@code name} filled in. */
  public static Optional<Path> chooseFile(
      Window owner, Path folder, String name, LogExporter.Format format) {
    FileChooser fc = new FileChooser();
    fc.setTitle("Export logs");
    if (folder != null && Files.isDirectory(folder)) {
      fc.setInitialDirectory(folder.toFile());
    }
    fc.setInitialFileName(name);
    fc.getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(format.label(), "*." + format.extension()));
    File file = fc.showSaveDialog(owner);
    return Optional.ofNullable(file).map(File::toPath);
  }

  /** {@code ktrdr-events-2026-11-28-1015.jsonl}: exports of different moments never collide. */
  public static String suggestedName(LogExporter.Format format, LocalDateTime now) {
    return "ktrdr-events-" + STAMP.format(now) + "." + format.extension();
  }

  /** Where the chooser opens: the last folder used if it still exists, else the home folder. */
  public static Path startFolder(String lastFolder) {
    if (lastFolder != null && !lastFolder.isBlank()) {
      Path p = Path.of(lastFolder);
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    return Path.of(System.getProperty("user.home"));
  }
}
