package dev.ktrdr.desktop.table;

import dev.ktrdr.operations.OperationStatus;
import javafx.beans.InvalidationListener;
import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;

/** Marks the row's state as CSS pseudo-classes ({@code :running}, {@code :cancelled}, …). */
final class OperationTableRow extends TableRow<OperationRow> {
  static final PseudoClass CANCELLING = PseudoClass.getPseudoClass("cancelling");
  private final InvalidationListener restyle = o -> restyle();
  private OperationRow watched;

  @Override
  protected void updateItem(OperationRow row, boolean empty) {
    super.updateItem(row, empty);
    if (watched != null) {
      watched.statusProperty().removeListener(restyle);
      watched.cancellingProperty().removeListener(restyle);
    }
    watched = empty ? null : row;
    if (watched != null) {
      watched.statusProperty().addListener(restyle);
      watched.cancellingProperty().addListener(restyle);
    }
    restyle();
  }

  private void restyle() {
    OperationStatus current = watched == null ? null : watched.status();
    for (OperationStatus s : OperationStatus.values()) {
      pseudoClassStateChanged(StatusCell.pseudo(s), s == current);
    }
    pseudoClassStateChanged(CANCELLING, watched != null && watched.cancellingProperty().get());
  }
}
