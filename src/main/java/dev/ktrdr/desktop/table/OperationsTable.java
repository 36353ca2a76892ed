package dev.ktrdr.desktop.table;

import dev.ktrdr.agent.ResearchParams;
import dev.ktrdr.desktop.DisplayFormats;
import dev.ktrdr.operations.OperationStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The research table: columns from {@link Column} (looked up by id), cells, the sort (done by the
 * {@link TableModel}, not by a {@code SortedList}) and the hold that keeps rows in place while the
 * pointer is over the table or a row is selected.
 */
public final class OperationsTable {
  private final TableView<OperationRow> table = new TableView<>();
  private final Map<Column, TableColumn<OperationRow, ?>> columns = new EnumMap<>(Column.class);
  private final TableModel model;
  private final ColumnLayout layout;

  /** A row's Cancel button calls {@code onCancel} with that row (the one under the pointer). */
  public OperationsTable(TableModel model, Consumer<OperationRow> onCancel) {
    this.model = model;
    table.setId("operations");
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    table.setRowFactory(t -> new OperationTableRow());
    table.setFixedCellSize(38);
    table.setPlaceholder(
        new Label("No researches yet. Type a brief above and press Enter (Ctrl+N)."));
    table.setItems(model.shown());

    add(Column.ID, textColumn(Column.ID, r -> new ReadOnlyObjectWrapper<>(r.shortId())));
    TableColumn<OperationRow, OperationStatus> status = column(Column.STATUS);
    status.setCellValueFactory(c -> c.getValue().statusProperty());
    status.setCellFactory(c -> new StatusCell<>());
    add(Column.STATUS, status);
    TableColumn<OperationRow, Number> progress = column(Column.PROGRESS);
    progress.setCellValueFactory(c -> c.getValue().progressProperty());
    progress.setCellFactory(c -> new ProgressCell());
    add(Column.PROGRESS, progress);
    add(Column.PHASE, textColumn(Column.PHASE, OperationRow::phaseProperty));
    add(Column.STRATEGY, textColumn(Column.STRATEGY, OperationRow::strategyProperty));
    TableColumn<OperationRow, Number> duration = column(Column.DURATION);
    duration.setCellValueFactory(c -> c.getValue().durationSecondsProperty());
    duration.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : DisplayFormats.duration(v.doubleValue()));
              }
            });
    add(Column.DURATION, duration);
    add(Column.CHILD, textColumn(Column.CHILD, OperationRow::currentChildProperty));
    TableColumn<OperationRow, OperationRow> cancel = column(Column.CANCEL);
    cancel.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    cancel.setCellFactory(c -> new CancelButtonCell(onCancel));
    cancel.setResizable(false);
    add(Column.CANCEL, cancel);

    // The model sorts; the table only tells it what the user clicked.
    table.setSortPolicy(
        t -> {
          List<TableModel.SortKey> keys = new ArrayList<>();
          for (TableColumn<OperationRow, ?> c : t.getSortOrder()) {
            Column.byId(c.getId())
                .ifPresent(
                    col ->
                        keys.add(
                            new TableModel.SortKey(
                                col, c.getSortType() == TableColumn.SortType.ASCENDING)));
          }
          model.sortBy(keys);
          return true;
        });
    TableColumn<OperationRow, ?> id = columns.get(Column.ID);
    id.setSortType(TableColumn.SortType.DESCENDING);
    table.getSortOrder().add(id);

    layout = new ColumnLayout(table, columns);
    table.hoverProperty().addListener((o, a, b) -> updateHold());
    table
        .getSelectionModel()
        .getSelectedItems()
        .addListener((ListChangeListener<OperationRow>) c -> updateHold());
  }

  private void updateHold() {
    model.setHeld(table.isHover() || !table.getSelectionModel().getSelectedItems().isEmpty());
  }

  private <T> TableColumn<OperationRow, T> column(Column c) {
    TableColumn<OperationRow, T> tc = new TableColumn<>(c.title());
    tc.setId(c.id());
    tc.setSortable(c.sortable());
    tc.setPrefWidth(c.prefWidth());
    tc.setMinWidth(c.minWidth());
    return tc;
  }

  private TableColumn<OperationRow, String> textColumn(
      Column c, Function<OperationRow, ObservableValue<String>> value) {
    TableColumn<OperationRow, String> tc = column(c);
    tc.setCellValueFactory(cell -> value.apply(cell.getValue()));
    tc.setCellFactory(
        col ->
            new TableCell<>() {
              {
                if (c == Column.ID) {
                  getStyleClass().add("mono-cell");
                }
                if (c == Column.ID || c == Column.PHASE) {
                  Tooltip tip = new Tooltip();
                  // Written when shown: the row may have changed since the cell was filled.
                  tip.setOnShowing(e -> tip.setText(tooltip(c, rowOf(this))));
                  setTooltip(tip);
                }
              }

              @Override
              protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
              }
            });
    return tc;
  }

  private static OperationRow rowOf(TableCell<OperationRow, ?> cell) {
    int i = cell.getIndex();
    List<OperationRow> items = cell.getTableView() == null ? null : cell.getTableView().getItems();
    return items == null || i < 0 || i >= items.size() ? null : items.get(i);
  }

  /** The full id and creation time on the ID cell; since when, or where it stopped, on Phase. */
  static String tooltip(Column c, OperationRow r) {
    if (r == null) {
      return "";
    }
    if (c == Column.ID) {
      return r.id() + "\ncreated " + DisplayFormats.dateTime(r.createdAt());
    }
    if (r.status() == OperationStatus.COMPLETED) {
      return "Completed all phases";
    }
    if (r.status() != null && r.status().isTerminal()) {
      return r.status().wire() + " during " + r.currentPhase().wire();
    }
    String since = DisplayFormats.dateTime(r.operation().param(ResearchParams.PHASE_START_TIME));
    return r.currentPhase().wire() + (since == null ? "" : " since " + since);
  }

  private void add(Column c, TableColumn<OperationRow, ?> tc) {
    columns.put(c, tc);
    table.getColumns().add(tc);
  }

  public TableView<OperationRow> table() {
    return table;
  }

  public TableColumn<OperationRow, ?> column(String id) {
    return Column.byId(id).map(columns::get).orElseThrow();
  }

  public ColumnLayout layout() {
    return layout;
  }

  /** Sorts as the user would by clicking {@code c}'s header. */
  public void sortBy(Column c, boolean ascending) {
    TableColumn<OperationRow, ?> tc = columns.get(c);
    tc.setSortType(ascending ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
    table.getSortOrder().setAll(List.of(tc));
  }
}
