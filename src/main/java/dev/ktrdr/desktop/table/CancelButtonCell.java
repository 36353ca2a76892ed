package dev.ktrdr.desktop.table;

import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;

/**
 * The per-row Cancel button, as ControlsFX's TaskCell does it: one button per cell, created once;
 * it acts on the cell's item at the moment of the click (never the focused or selected row), its
 * {@code disable} is bound to that row's cancellable property, and an empty cell unbinds and clears
 * its graphic.
 */
final class CancelButtonCell extends TableCell<OperationRow, OperationRow> {
  private final Button button = new Button("Cancel");

  CancelButtonCell(Consumer<OperationRow> onCancel) {
    button.getStyleClass().add("row-cancel");
    button.setFocusTraversable(false); // keyboard path: select the row and press Delete
    button.setOnAction(
        e -> {
          OperationRow row = getItem();
          if (row != null) {
            onCancel.accept(row);
          }
        });
    setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
  }

  @Override
  protected void updateItem(OperationRow row, boolean empty) {
    super.updateItem(row, empty);
    button.disableProperty().unbind();
    if (empty || row == null) {
      setGraphic(null);
    } else {
      button.disableProperty().bind(row.cancellableProperty().not());
      button.setUserData(row.id());
      setGraphic(button);
    }
  }
}
