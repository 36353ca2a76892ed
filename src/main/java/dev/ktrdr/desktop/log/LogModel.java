package dev.ktrdr.desktop.log;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The event log pane's lines: the newest {@link #CAPACITY} (the database keeps everything for
 * export). While the user reads the log (pointer over it, a line selected) old lines are not
 * dropped, so the lines on screen do not shift up under the pointer; they are trimmed when the user
 * lets go, or at twice the capacity.
 */
public final class LogModel {
  public static final int CAPACITY = 5_000;

  private final ObservableList<LogEntry> lines = FXCollections.observableArrayList();

  /** One wrapper, kept: a wrapper made per call only weakly forwards and may be collected. */
  private final ObservableList<LogEntry> view = FXCollections.unmodifiableObservableList(lines);

  private boolean held;

  public void append(List<LogEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    lines.addAll(entries);
    trim(held ? 2 * CAPACITY : CAPACITY);
  }

  /** The view holds the log while the user reads it. */
  public void setHeld(boolean held) {
    this.held = held;
    if (!held) {
      trim(CAPACITY);
    }
  }

  private void trim(int max) {
    int excess = lines.size() - max;
    if (excess > 0) {
      lines.remove(0, excess + (max > CAPACITY ? max - CAPACITY : 0));
    }
  }

  public ObservableList<LogEntry> lines() {
    return view;
  }
}
