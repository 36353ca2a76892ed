package dev.ktrdr.desktop.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Fits the table's columns to its width. Each column has a minimum (its content never truncates
 * mid-word, "backtesting" included) and a keep rank: when the table is too narrow for every
 * minimum, the least important columns are hidden first (Current child, then Duration, Strategy…),
 * never squeezed to nothing. The widths are a pure function of the table width and the widths the
 * user chose by dragging, so a window made small and then large again looks as before, and only the
 * user's choices are saved — never a squeezed layout.
 */
public final class ColumnLayout {
  /** Room for the vertical scroll bar and the table's border. */
  static final double CHROME = 18;

  private final TableView<OperationRow> table;
  private final Map<Column, TableColumn<OperationRow, ?>> columns;
  private final Map<Column, Double> chosen = new EnumMap<>(Column.class);
  private boolean applying;
  private boolean refitQueued;

  ColumnLayout(TableView<OperationRow> table, Map<Column, TableColumn<OperationRow, ?>> columns) {
    this.table = table;
    this.columns = columns;
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    for (Map.Entry<Column, TableColumn<OperationRow, ?>> e : columns.entrySet()) {
      TableColumn<OperationRow, ?> tc = e.getValue();
      tc.setMinWidth(e.getKey().minWidth());
      tc.widthProperty()
          .addListener(
              (o, a, w) -> {
                if (!applying && tc.isVisible()) { // the user dragged a column border
                  chosen.put(e.getKey(), Math.max(e.getKey().minWidth(), w.doubleValue()));
                  refitLater();
                }
              });
    }
    table.widthProperty().addListener((o, a, w) -> apply());
  }

  /**
   * The widths for {@code available} pixels: the visible columns (in {@code cols} order) and their
   * widths; hidden columns are absent.
   */
  static Map<Column, Double> fit(List<Column> cols, Map<Column, Double> chosen, double available) {
    List<Column> visible = new ArrayList<>(cols);
    List<Column> byKeep = new ArrayList<>(cols);
    byKeep.sort(Comparator.comparingInt(Column::keep));
    for (Column c : byKeep) {
      if (visible.size() <= 1 || sum(visible, Column::minWidth) <= available) {
        break;
      }
      visible.remove(c);
    }
    Map<Column, Double> base = new LinkedHashMap<>();
    for (Column c : visible) {
      base.put(c, Math.max(c.minWidth(), chosen.getOrDefault(c, c.prefWidth())));
    }
    double total = base.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<Column, Double> out = new LinkedHashMap<>();
    if (total <= available) {
      double grow = visible.stream().mapToDouble(Column::grow).sum();
      double extra = available - total;
      for (Column c : visible) {
        out.put(c, Math.floor(base.get(c) + (grow == 0 ? 0 : extra * c.grow() / grow)));
      }
    } else {
      double slack = visible.stream().mapToDouble(c -> base.get(c) - c.minWidth()).sum();
      double deficit = total - available;
      for (Column c : visible) {
        double give = slack <= 0 ? 0 : deficit * (base.get(c) - c.minWidth()) / slack;
        out.put(c, Math.floor(Math.max(c.minWidth(), base.get(c) - give)));
      }
    }
    return out;
  }

  private static double sum(List<Column> cols, java.util.function.ToDoubleFunction<Column> f) {
    return cols.stream().mapToDouble(f).sum();
  }

  /** Lays the columns out for the table's current width. */
  void apply() {
    double available = table.getWidth() - CHROME;
    if (available <= 0) {
      return;
    }
    Map<Column, Double> widths = fit(new ArrayList<>(columns.keySet()), chosen, available);
    applying = true;
    try {
      for (Map.Entry<Column, TableColumn<OperationRow, ?>> e : columns.entrySet()) {
        Double w = widths.get(e.getKey());
        e.getValue().setVisible(w != null);
        if (w != null) {
          e.getValue().setPrefWidth(w);
        }
      }
    } finally {
      applying = false;
    }
  }

  private void refitLater() {
    if (!refitQueued) {
      refitQueued = true;
      Platform.runLater(
          () -> {
            refitQueued = false;
            apply();
          });
    }
  }

  /** The widths the user chose by dragging (what is worth saving). */
  public Map<Column, Double> chosenWidths() {
    return Map.copyOf(chosen);
  }

  /** Restores widths the user chose earlier; a width below a column's minimum is ignored. */
  public void choose(Column c, double width) {
    if (width >= c.minWidth()) {
      chosen.put(c, width);
      apply();
    }
  }
}
