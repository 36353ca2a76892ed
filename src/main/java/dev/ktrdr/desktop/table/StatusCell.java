package dev.ktrdr.desktop.table;

import dev.ktrdr.operations.OperationStatus;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;

/** The status as a coloured badge; the colour comes from the stylesheet via a pseudo-class. */
public final class StatusCell<S> extends TableCell<S, OperationStatus> {
  private final Label badge = new Label();
  private OperationStatus shown;

  public StatusCell() {
    badge.getStyleClass().add("status-badge");
  }

  @Override
  protected void updateItem(OperationStatus status, boolean empty) {
    super.updateItem(status, empty);
    if (shown != null) {
      badge.pseudoClassStateChanged(pseudo(shown), false);
    }
    shown = empty ? null : status;
    if (shown == null) {
      setGraphic(null);
    } else {
      badge.setText(shown.wire());
      badge.pseudoClassStateChanged(pseudo(shown), true);
      setGraphic(badge);
    }
  }

  public static PseudoClass pseudo(OperationStatus s) {
    return PseudoClass.getPseudoClass(s.wire());
  }
}
