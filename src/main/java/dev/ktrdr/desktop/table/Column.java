package dev.ktrdr.desktop.table;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The table's columns, looked up by id: title, widths, how long each stays visible when the window
 * narrows, and how it sorts. Sorting compares row fields directly (never cell text through a
 * collator): a sort of 10,000 rows then costs a few milliseconds.
 */
public enum Column {
  ID(
      "col-id",
      "ID",
      84,
      96,
      0,
      90,
      Comparator.comparing(OperationRow::createdAt).thenComparingLong(OperationRow::order)),
  STATUS("col-status", "Status", 104, 108, 0, 80, Comparator.comparing(r -> r.status().ordinal())),
  PROGRESS(
      "col-progress",
      "Progress",
      90,
      130,
      1,
      70,
      Comparator.comparingDouble(r -> r.progressProperty().get())),
  PHASE("col-phase", "Phase", 104, 108, 0, 60, Comparator.comparingInt(Column::phaseRank)),
  STRATEGY(
      "col-strategy",
      "Strategy",
      110,
      170,
      2,
      50,
      Comparator.comparing(r -> r.strategyProperty().get(), String.CASE_INSENSITIVE_ORDER)),
  DURATION(
      "col-duration",
      "Duration",
      76,
      84,
      0,
      40,
      Comparator.comparingDouble(r -> r.durationSecondsProperty().get())),
  CHILD(
      "col-child",
      "Current child",
      150,
      230,
      2,
      30,
      Comparator.comparing(r -> r.currentChildProperty().get(), String.CASE_INSENSITIVE_ORDER)),
  CANCEL("col-cancel", "", 86, 86, 0, 100, null);

  /** The order of the Phase column: the pipeline's order, then done. */
  static final List<String> PHASE_ORDER =
      List.of("idle", "designing", "training", "backtesting", "assessing", OperationRow.DONE);

  private final String id;
  private final String title;
  private final double minWidth;
  private final double prefWidth;
  private final double grow;
  private final int keep;
  private final Comparator<OperationRow> comparator;

  /**
   * @param grow share of spare width this column takes (0 = keeps its preferred width)
   * @param keep the higher, the longer the column stays when the table is too narrow for all
   */
  Column(
      String id,
      String title,
      double minWidth,
      double prefWidth,
      double grow,
      int keep,
      Comparator<OperationRow> comparator) {
    this.id = id;
    this.title = title;
    this.minWidth = minWidth;
    this.prefWidth = prefWidth;
    this.grow = grow;
    this.keep = keep;
    this.comparator = comparator;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public double minWidth() {
    return minWidth;
  }

  public double prefWidth() {
    return prefWidth;
  }

  public double grow() {
    return grow;
  }

  public int keep() {
    return keep;
  }

  public boolean sortable() {
    return comparator != null;
  }

  /** Ascending order of this column; null when it does not sort. */
  public Comparator<OperationRow> comparator() {
    return comparator;
  }

  /** True when the sort key moves by itself (the duration ticks every second). */
  public boolean live() {
    return this == DURATION || this == PROGRESS || this == CHILD;
  }

  public static Optional<Column> byId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }

  static int phaseRank(OperationRow r) {
    return PHASE_ORDER.indexOf(r.phaseProperty().get());
  }
}
