package dev.ktrdr.desktop.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  /** At most four updates of the list a second. */
  static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final ObservableList<LogEntry> lines = FXCollections.observableArrayList();

  /** One wrapper, kept: a wrapper made per call only weakly forwards and may be collected. */
  private final ObservableList<LogEntry> view = FXCollections.unmodifiableObservableList(lines);

  private final List<LogEntry> pending = new ArrayList<>();
  private long lastFlush = System.nanoTime() - FLUSH_NANOS;
  private boolean held;

  /**
   * Takes new lines. They reach the list at most {@link #FLUSH_NANOS} apart: a log scrolling 60
   * times a second is unreadable anyway, and each change of the list re-lays out every visible row
   * of the log table (measured: the largest cost on the FX thread at 500 events a second).
   */
  public void append(List<LogEntry> entries) {
    pending.addAll(entries);
    if (System.nanoTime() - lastFlush >= FLUSH_NANOS) {
      flush();
    }
  }

  /** Moves the waiting lines into the list now. */
  public void flush() {
    lastFlush = System.nanoTime();
    if (pending.isEmpty()) {
      return;
    }
    lines.addAll(pending);
    pending.clear();
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
