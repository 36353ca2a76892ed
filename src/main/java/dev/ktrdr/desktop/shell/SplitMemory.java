package dev.ktrdr.desktop.shell;

import javafx.application.Platform;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * Remembers where the user put a split pane's divider, and only that: when a small window squeezes
 * a pane to its minimum, the divider moves, but the remembered position does not — the window made
 * large again looks as the user left it, and a squeezed position is never saved.
 */
public final class SplitMemory {
  private final SplitPane split;
  private double wanted;
  private boolean dragging;

  public SplitMemory(SplitPane split, double initial) {
    this.split = split;
    this.wanted = initial;
    split.setDividerPositions(initial);
    split.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> dragging = true);
    split.addEventFilter(
        MouseEvent.MOUSE_RELEASED,
        e -> {
          dragging = false;
          wanted = split.getDividerPositions()[0];
        });
    split
        .getDividers()
        .get(0)
        .positionProperty()
        .addListener(
            (o, a, p) -> {
              if (dragging) {
                wanted = p.doubleValue();
              }
            });
    // After a resize, put the divider back where the user wants it (the panes' minimums still
    // apply, so a small window shows what fits).
    split.widthProperty().addListener((o, a, b) -> restoreLater());
    split.heightProperty().addListener((o, a, b) -> restoreLater());
  }

  private void restoreLater() {
    if (!dragging) {
      Platform.runLater(() -> split.setDividerPositions(wanted));
    }
  }

  /** Where the user wants the divider (0–1): what to save. */
  public double wanted() {
    return wanted;
  }

  /** Restores a saved position; a position that would hide a pane is ignored. */
  public void restore(double position) {
    if (position >= 0.15 && position <= 0.9) {
      wanted = position;
      split.setDividerPositions(position);
    }
  }
}
