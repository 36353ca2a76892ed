package dev.ktrdr.desktop.table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javafx.collections.ObservableListBase;

/**
 * The rows the table shows, in display order. The model changes it in three kinds of steps, each
 * one list change: remove rows, re-order (a permutation, so the selection follows its rows), and
 * insert rows at their sorted places. Unlike a {@code SortedList}, an updated row does not re-sort
 * the whole list through cell values and a collator (measured: that alone stalled the FX thread for
 * over a second per batch at 1,000 rows).
 */
final class ShownRows extends ObservableListBase<OperationRow> {
  private ArrayList<OperationRow> items = new ArrayList<>();

  @Override
  public OperationRow get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }

  /** Removes the rows matching {@code which}, as one change. */
  void removeWhere(Predicate<OperationRow> which) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (which.test(items.get(i))) {
        at.add(i);
      }
    }
    if (at.isEmpty()) {
      return;
    }
    beginChange();
    ArrayList<OperationRow> kept = new ArrayList<>(items.size() - at.size());
    int removed = 0;
    int next = 0;
    for (int i = 0; i < items.size(); i++) {
      OperationRow r = items.get(i);
      if (next < at.size() && at.get(next) == i) {
        next++;
        r.shown = false;
        nextRemove(i - removed, r); // ascending, in the list as it is after earlier removals
        removed++;
      } else {
        kept.add(r);
      }
    }
    items = kept;
    endChange();
  }

  /** Re-orders by {@code order} (stable); fires a permutation only when something moved. */
  void reorder(Comparator<OperationRow> order) {
    if (items.size() < 2) {
      return;
    }
    ArrayList<OperationRow> sorted = new ArrayList<>(items);
    sorted.sort(order);
    Map<OperationRow, Integer> newIndex = new IdentityHashMap<>(sorted.size() * 2);
    for (int i = 0; i < sorted.size(); i++) {
      newIndex.put(sorted.get(i), i);
    }
    int[] perm = new int[items.size()];
    boolean moved = false;
    for (int i = 0; i < items.size(); i++) {
      perm[i] = newIndex.get(items.get(i));
      moved |= perm[i] != i;
    }
    if (!moved) {
      return;
    }
    beginChange();
    items = sorted;
    nextPermutation(0, perm.length, perm);
    endChange();
  }

  /**
   * Inserts {@code rows} (not shown yet) at their places in a list sorted by {@code order}, as one
   * change; equal keys go after the rows already shown.
   */
  void insertSorted(Collection<OperationRow> rows, Comparator<OperationRow> order) {
    if (rows.isEmpty()) {
      return;
    }
    List<OperationRow> adding = new ArrayList<>(rows);
    adding.sort(order);
    beginChange();
    if (adding.size() < 64) {
      // A few rows: binary-search each place; the places never decrease, as adding is sorted.
      for (OperationRow r : adding) {
        int at = upperBound(r, order);
        r.shown = true;
        items.add(at, r);
        nextAdd(at, at + 1);
      }
    } else {
      ArrayList<OperationRow> merged = new ArrayList<>(items.size() + adding.size());
      int a = 0;
      for (OperationRow old : items) {
        while (a < adding.size() && order.compare(adding.get(a), old) < 0) {
          add(merged, adding.get(a++));
        }
        merged.add(old);
      }
      while (a < adding.size()) {
        add(merged, adding.get(a++));
      }
      items = merged;
    }
    endChange();
  }

  /** Appends rows (that sort after every shown row) as one change. */
  void append(List<OperationRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    beginChange();
    int from = items.size();
    for (OperationRow r : rows) {
      r.shown = true;
      items.add(r);
    }
    nextAdd(from, items.size());
    endChange();
  }

  /** The first index whose row sorts after {@code r}. */
  private int upperBound(OperationRow r, Comparator<OperationRow> order) {
    int lo = 0;
    int hi = items.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (order.compare(r, items.get(mid)) < 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private void add(List<OperationRow> merged, OperationRow r) {
    r.shown = true;
    merged.add(r);
    nextAdd(merged.size() - 1, merged.size());
  }
}
