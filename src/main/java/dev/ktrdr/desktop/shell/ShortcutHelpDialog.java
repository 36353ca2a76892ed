package dev.ktrdr.desktop.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The F1 dialog: every shortcut, listed from {@link Shortcut} so it cannot drift. */
public final class ShortcutHelpDialog {
  private ShortcutHelpDialog() {}

  public static void show(Window owner) {
    GridPane g = new GridPane();
    g.setHgap(18);
    g.setVgap(6);
    g.getStyleClass().add("help-grid");
    int i = 0;
    for (Shortcut s : Shortcut.values()) {
      Label key = new Label(s.displayText());
      key.getStyleClass().add("kbd");
      g.addRow(i++, key, new Label(s.label()));
    }
    Label more =
        new Label(
            "Tab / Shift+Tab move between controls; arrow keys and Shift/Ctrl select rows; Alt "
                + "opens the menus; Enter in the brief triggers. A row's Cancel button asks the "
                + "same one-line confirmation as Delete, naming the research. While the pointer "
                + "is over the table or a row is selected, rows keep their places; new "
                + "researches wait behind the \"N new\" button (Ctrl+R).");
    more.setWrapText(true);
    more.setMaxWidth(420);
    g.add(more, 0, i, 2, 1);
    Alert a = new Alert(Alert.AlertType.INFORMATION);
    a.initOwner(owner);
    a.setTitle("Keyboard shortcuts");
    a.setHeaderText("Keyboard shortcuts");
    a.getDialogPane().setContent(g);
    a.getDialogPane().setId("help");
    a.show();
  }
}
