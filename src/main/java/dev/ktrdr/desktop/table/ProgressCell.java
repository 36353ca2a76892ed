package dev.ktrdr.desktop.table;

import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.layout.StackPane;

/** A progress bar with its percentage written on it. */
final class ProgressCell extends TableCell<OperationRow, Number> {
  private final ProgressBar bar = new ProgressBar(0);
  private final Label text = new Label();
  private final StackPane pane = new StackPane(bar, text);

  ProgressCell() {
    bar.setMaxWidth(Double.MAX_VALUE);
    bar.getStyleClass().add("row-progress");
    text.getStyleClass().add("row-progress-text");
    pane.getStyleClass().add("row-progress-pane");
    // A progress bar takes the press for itself: a click on it must select the row like any cell.
    pane.setMouseTransparent(true);
    setText(null);
  }

  @Override
  protected void updateItem(Number value, boolean empty) {
    super.updateItem(value, empty);
    if (empty || value == null) {
      setGraphic(null);
    } else {
      double v = value.doubleValue();
      bar.setProgress(v);
      text.setText(Math.round(v * 100) + "%");
      setGraphic(pane);
    }
  }
}
