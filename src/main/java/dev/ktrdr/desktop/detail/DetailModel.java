package dev.ktrdr.desktop.detail;

import dev.ktrdr.desktop.shell.ConsoleBackend;
import dev.ktrdr.desktop.shell.Engine;
import dev.ktrdr.desktop.shell.TaskExecutor;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.desktop.table.SnapshotOrder;
import dev.ktrdr.operations.EventRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected research as the detail pane shows it, fed by the same event batches as the table:
 * the research is the very snapshot its row holds, so the pane never lags the row. Children and the
 * research's own log are read once from the database when the selection changes; events that arrive
 * meanwhile are kept and merged, newer snapshots winning ({@link SnapshotOrder}).
 */
public final class DetailModel {
  /** Lines of the research's own log kept in the pane. */
  public static final int HISTORY_LINES = 500;

  private record Loaded(List<Operation> children, List<EventRecord> history) {}

  private final Engine engine;
  private final TaskExecutor executor;
  private final Clock clock;
  private final ReadOnlyObjectWrapper<OperationRow> row = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Operation> research = new ReadOnlyObjectWrapper<>();
  private final ObservableList<Operation> children = FXCollections.observableArrayList();
  private final ObservableList<EventRecord> history = FXCollections.observableArrayList();
  private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper();
  private final Map<String, Long> childVersions = new HashMap<>();
  private List<OperationEvent> early;
  private Consumer<Throwable> onError = e -> {};

  public DetailModel(Engine engine, TaskExecutor executor, Clock clock) {
    this.engine = engine;
    this.executor = executor;
    this.clock = clock;
  }

  public void setOnError(Consumer<Throwable> onError) {
    this.onError = onError;
  }

  /** Shows {@code r} (or nothing): its snapshot at once, its children and log when read. */
  public void select(OperationRow r) {
    OperationRow before = row.get();
    if (r == before || (r != null && before != null && r.id().equals(before.id()))) {
      return;
    }
    row.set(r);
    reload();
  }

  /** Reads the selected research's children and log again (F5). */
  public void reload() {
    OperationRow r = row.get();
    children.clear();
    history.clear();
    childVersions.clear();
    research.set(r == null ? null : r.operation());
    changed();
    if (r == null) {
      early = null;
      return;
    }
    String id = r.id();
    early = new ArrayList<>();
    executor.execute(
        () -> {
          ConsoleBackend ops = engine.backend();
          return new Loaded(ops.children(id), ops.history(id, HISTORY_LINES));
        },
        loaded -> onLoaded(id, loaded),
        e -> {
          if (isSelected(id)) {
            early = null;
          }
          onError.accept(e);
        });
  }

  private void onLoaded(String id, Loaded loaded) {
    if (!isSelected(id)) {
      return; // the user moved on
    }
    for (Operation c : loaded.children()) {
      upsertChild(c);
    }
    history.setAll(loaded.history());
    Instant last = loaded.history().isEmpty() ? Instant.EPOCH : lastTs(loaded.history());
    List<OperationEvent> waiting = early;
    early = null;
    // Events that arrived while reading: the read has those committed before it began.
    List<OperationEvent> newer = new ArrayList<>();
    for (OperationEvent e : waiting) {
      if (e.kind() == OperationEvent.Kind.PROGRESS || e.ts().isAfter(last)) {
        newer.add(e);
      }
    }
    apply(newer);
    changed();
  }

  private static Instant lastTs(List<EventRecord> lines) {
    return lines.get(lines.size() - 1).ts();
  }

  /** Applies a batch of events (after the table took it, so the row is current). */
  public void apply(List<OperationEvent> batch) {
    OperationRow r = row.get();
    if (r == null) {
      return;
    }
    String id = r.id();
    boolean touched = false;
    List<EventRecord> lines = new ArrayList<>();
    for (OperationEvent e : batch) {
      boolean own = id.equals(e.operationId());
      boolean child = id.equals(e.parentOperationId());
      if (!own && !child) {
        continue;
      }
      touched = true;
      if (early != null) {
        early.add(e); // the read is under way: merged when it lands
        continue;
      }
      if (child && e.operation() != null) {
        upsertChild(e.operation());
      }
      if (own && e.kind() != OperationEvent.Kind.PROGRESS) {
        lines.add(
            new EventRecord(e.ts(), e.operationId(), e.kind(), e.from(), e.to(), e.message()));
      }
    }
    if (!touched) {
      return;
    }
    if (!lines.isEmpty()) {
      history.addAll(lines);
      int excess = history.size() - HISTORY_LINES;
      if (excess > 0) {
        history.remove(0, excess);
      }
    }
    research.set(r.operation());
    changed();
  }

  /** The selected row changed outside the event stream (an action's answer): show it. */
  public void touch() {
    OperationRow r = row.get();
    if (r != null) {
      research.set(r.operation());
      changed();
    }
  }

  private void upsertChild(Operation c) {
    Long held = childVersions.get(c.operationId());
    if (held != null && SnapshotOrder.isOlder(c, held)) {
      return;
    }
    childVersions.put(c.operationId(), c.version());
    for (int i = 0; i < children.size(); i++) {
      if (children.get(i).operationId().equals(c.operationId())) {
        children.set(i, c);
        return;
      }
    }
    children.add(c);
    FXCollections.sort(children, Comparator.comparing(Operation::createdAt));
  }

  private boolean isSelected(String id) {
    return row.get() != null && row.get().id().equals(id);
  }

  private void changed() {
    version.set(version.get() + 1);
  }

  /** The selected row, or null. */
  public ReadOnlyObjectProperty<OperationRow> rowProperty() {
    return row.getReadOnlyProperty();
  }

  /** The selected research's snapshot: the one its row shows. */
  public ReadOnlyObjectProperty<Operation> researchProperty() {
    return research.getReadOnlyProperty();
  }

  /** Its children, oldest first. */
  public ObservableList<Operation> children() {
    return children;
  }

  /** Its own log lines, oldest first. */
  public ObservableList<EventRecord> history() {
    return history;
  }

  /** Moves on each change of research, children or log: the pane redraws once per batch. */
  public ReadOnlyLongProperty versionProperty() {
    return version.getReadOnlyProperty();
  }
}
