package dev.ktrdr.desktop.table;

import dev.ktrdr.operations.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The research table's state, without any scene graph: every research the console knows (all of
 * them, not a first page), the filter, the sort, and the rows shown.
 *
 * <p><b>A live list never moves under the user.</b> While the table is <i>held</i> (the pointer is
 * over it or a row is selected — the view decides), no shown row changes place: changed rows keep
 * their place and their filter verdict, and a new research that would sort above the last shown row
 * waits in {@link #pendingCountProperty() pending} ("N new researches") until {@link #reveal()} or
 * the hold ends. A click therefore always lands on the research the user aimed at.
 */
public final class TableModel {
  /** A column of the sort and its direction. */
  public record SortKey(Column column, boolean ascending) {}

  private static final Comparator<OperationRow> NEWEST_FIRST = Column.ID.comparator().reversed();

  private final Map<String, OperationRow> byId = new HashMap<>();
  private final List<OperationRow> all = new ArrayList<>();
  private final ShownRows shown = new ShownRows();
  private final Set<OperationRow> pending = new LinkedHashSet<>();
  private final Set<OperationRow> dirty = new LinkedHashSet<>();
  private final StringProperty filterText = new SimpleStringProperty("");
  private final ObjectProperty<StatusFilter> statusFilter =
      new SimpleObjectProperty<>(StatusFilter.ALL);
  private final ReadOnlyIntegerWrapper pendingCount = new ReadOnlyIntegerWrapper();
  private final ReadOnlyIntegerWrapper totalCount = new ReadOnlyIntegerWrapper();
  private final ReadOnlyIntegerWrapper shownCount = new ReadOnlyIntegerWrapper();
  private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
  private Comparator<OperationRow> order = NEWEST_FIRST;
  private boolean orderIsLive;
  private boolean orderIsFixed = true;
  private boolean held;
  private String needle = "";
  private StatusFilter status = StatusFilter.ALL;
  private long newestOrder;
  private long oldestOrder;

  public TableModel() {
    filterText.addListener((o, a, b) -> refilter());
    statusFilter.addListener((o, a, b) -> refilter());
  }

  // ---- input ----

  /**
   * Takes research snapshots (from one batch of events, or one page of a load). New researches
   * become rows; {@code newest} says whether they are newer than every row so far (events) or older
   * (a load reads newest first), which orders researches created in the same millisecond.
   */
  public List<OperationRow> merge(Collection<Operation> researches, Instant now, boolean newest) {
    List<OperationRow> added = new ArrayList<>();
    for (Operation r : researches) {
      OperationRow row = byId.get(r.operationId());
      if (row == null) {
        row = new OperationRow(r, newest ? ++newestOrder : --oldestOrder, now);
        byId.put(row.id(), row);
        all.add(row);
        added.add(row);
      } else if (row.update(r, now)) {
        dirty.add(row);
      }
    }
    totalCount.set(all.size());
    arrive(added);
    settle();
    revision.set(revision.get() + 1);
    return added;
  }

  /** Takes snapshots of children: each updates its research's row if it is the current child. */
  public void mergeChildren(Collection<Operation> children, Instant now) {
    for (Operation c : children) {
      OperationRow parent = c.parentOperationId() == null ? null : byId.get(c.parentOperationId());
      if (parent != null && parent.updateChild(c, now)) {
        dirty.add(parent);
      }
    }
    settle();
    revision.set(revision.get() + 1);
  }

  /** Once a second: live durations and waits; re-sorts only a sort on such a live column. */
  public void tick(Instant now) {
    for (OperationRow row : all) {
      if (row.isActive()) {
        row.tick(now);
        if (orderIsLive) {
          dirty.add(row);
        }
      }
    }
    settle();
  }

  /** The view holds the table while the pointer is over it or a row is selected. */
  public void setHeld(boolean held) {
    if (this.held == held) {
      return;
    }
    this.held = held;
    if (!held) {
      reveal();
    }
  }

  public boolean isHeld() {
    return held;
  }

  /** Shows the pending researches and settles changed rows now, even while held. */
  public void reveal() {
    boolean wasHeld = held;
    held = false;
    dirty.addAll(pending);
    pending.clear();
    settle();
    held = wasHeld;
    counts();
  }

  /** Sorts by these keys (the first decides, the next break ties), then newest first. */
  public void sortBy(List<SortKey> keys) {
    Comparator<OperationRow> c = null;
    boolean live = false;
    boolean fixed = true;
    for (SortKey k : keys) {
      if (k.column().comparator() == null) {
        continue;
      }
      Comparator<OperationRow> next =
          k.ascending() ? k.column().comparator() : k.column().comparator().reversed();
      c = c == null ? next : c.thenComparing(next);
      live |= k.column().live();
      fixed &= k.column() == Column.ID;
    }
    order = c == null ? NEWEST_FIRST : c.thenComparing(NEWEST_FIRST);
    orderIsLive = live;
    orderIsFixed = fixed;
    shown.reorder(order); // the user asked for it: it moves rows even while held
  }

  // ---- what is shown ----

  private void arrive(List<OperationRow> added) {
    if (added.isEmpty()) {
      return;
    }
    List<OperationRow> in = new ArrayList<>();
    List<OperationRow> tail = new ArrayList<>();
    OperationRow last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
    for (OperationRow r : added) {
      if (!passes(r)) {
        continue; // not shown; a change or a new filter may show it later
      }
      if (!held) {
        in.add(r);
      } else if (last == null || order.compare(r, last) > 0) {
        tail.add(r); // below every shown row: appending moves nothing
      } else {
        pending.add(r);
      }
    }
    tail.sort(order);
    shown.append(tail);
    shown.insertSorted(in, order);
    counts();
  }

  /** Applies the changes held back so far, unless the table is held. */
  private void settle() {
    if (held || dirty.isEmpty()) {
      return;
    }
    List<OperationRow> in = new ArrayList<>();
    boolean reorder = false;
    Set<OperationRow> out = Collections.newSetFromMap(new IdentityHashMap<>());
    for (OperationRow r : dirty) {
      boolean pass = passes(r);
      if (r.shown && !pass) {
        out.add(r);
      } else if (!r.shown && pass && !pending.contains(r)) {
        in.add(r);
      } else if (r.shown) {
        reorder |= !orderIsFixed;
      }
    }
    dirty.clear();
    if (!out.isEmpty()) {
      shown.removeWhere(out::contains);
    }
    if (reorder) {
      shown.reorder(order);
    }
    shown.insertSorted(in, order);
    counts();
  }

  private void refilter() {
    needle = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
    status = statusFilter.get() == null ? StatusFilter.ALL : statusFilter.get();
    // The user changed what to show: everything is re-judged, pending rows included.
    pending.clear();
    dirty.clear();
    shown.removeWhere(r -> !passes(r));
    shown.reorder(order);
    List<OperationRow> in = new ArrayList<>();
    for (OperationRow r : all) {
      if (!r.shown && passes(r)) {
        in.add(r);
      }
    }
    shown.insertSorted(in, order);
    counts();
  }

  private boolean passes(OperationRow r) {
    return status.accepts(r.status()) && (needle.isEmpty() || r.searchText().contains(needle));
  }

  private void counts() {
    int n = 0;
    for (OperationRow r : pending) {
      if (passes(r)) {
        n++;
      }
    }
    pendingCount.set(n);
    shownCount.set(shown.size());
  }

  // ---- reading ----

  public OperationRow row(String id) {
    return byId.get(id);
  }

  /** Every research row, in the order the console learnt of them. */
  public List<OperationRow> all() {
    return Collections.unmodifiableList(all);
  }

  /** The rows the table shows, in display order: the table's items. */
  public ObservableList<OperationRow> shown() {
    return shown;
  }

  /** True when {@code row} waits in pending (it arrived while the table was held). */
  public boolean isPending(OperationRow row) {
    return pending.contains(row);
  }

  public long activeCount() {
    return all.stream().filter(OperationRow::isActive).count();
  }

  public StringProperty filterTextProperty() {
    return filterText;
  }

  public ObjectProperty<StatusFilter> statusFilterProperty() {
    return statusFilter;
  }

  /** New researches that pass the filter but wait for {@link #reveal()}: "N new researches". */
  public ReadOnlyIntegerProperty pendingCountProperty() {
    return pendingCount.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty totalCountProperty() {
    return totalCount.getReadOnlyProperty();
  }

  /** Moves on every batch taken: bindings that read row states depend on it. */
  public ReadOnlyLongProperty revisionProperty() {
    return revision.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty shownCountProperty() {
    return shownCount.getReadOnlyProperty();
  }
}
