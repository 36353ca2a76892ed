package dev.ktrdr.desktop;

import dev.ktrdr.operations.OperationStatus;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** The operations table: its columns, cells, row factory and default sort. */
final class OperationsTable {
  /** Every research id starts with this; the table shows the rest, the tooltip the whole. */
  static final String RESEARCH_PREFIX = "op_agent_research_";

  private OperationsTable() {}

  /** Sets up {@code table} to show {@code rows}; a row's Cancel button calls {@code onCancel}. */
  static Node configure(
      TableView<OperationRow> table,
      ObservableList<OperationRow> rows,
      Consumer<OperationRow> onCancel) {
    table.setId("operations");
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    table.setRowFactory(t -> new OperationTableRow());
    table.setFixedCellSize(38);
    table.setPlaceholder(
        new Label("No researches yet. Type a brief above and press Enter " + "(Ctrl+N)."));
    table.setTableMenuButtonVisible(false);
    // Every column fits the width: the Cancel column is never scrolled out of sight.
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);

    TableColumn<OperationRow, String> id = new TableColumn<>("ID");
    id.setId("col-id");
    id.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().id()));
    id.setCellFactory(
        c ->
            new TableCell<>() {
              private final Tooltip full = new Tooltip();

              {
                getStyleClass().add("mono-cell");
              }

              @Override
              protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(
                    empty || v == null
                        ? null
                        : v.startsWith(RESEARCH_PREFIX)
                            ? v.substring(RESEARCH_PREFIX.length())
                            : v);
                full.setText(v);
                setTooltip(empty || v == null ? null : full);
              }
            });
    id.setPrefWidth(205);
    id.setMinWidth(120);

    TableColumn<OperationRow, OperationStatus> status = new TableColumn<>("Status");
    status.setId("col-status");
    status.setCellValueFactory(c -> c.getValue().statusProperty());
    status.setCellFactory(c -> new StatusCell<>());
    status.setPrefWidth(112);
    status.setMinWidth(112);
    status.setMaxWidth(120);

    TableColumn<OperationRow, String> phase = new TableColumn<>("Phase");
    phase.setId("col-phase");
    phase.setCellValueFactory(c -> c.getValue().phaseProperty());
    phase.setComparator(OperationsTable::comparePhase);
    phase.setPrefWidth(100);
    phase.setMaxWidth(130);

    TableColumn<OperationRow, String> strategy = new TableColumn<>("Strategy");
    strategy.setId("col-strategy");
    strategy.setCellValueFactory(c -> c.getValue().strategyProperty());
    strategy.setPrefWidth(165);

    TableColumn<OperationRow, Number> progress = new TableColumn<>("Progress");
    progress.setId("col-progress");
    progress.setCellValueFactory(c -> c.getValue().progressProperty());
    progress.setCellFactory(c -> new ProgressCell());
    progress.setPrefWidth(130);
    progress.setMaxWidth(200);

    TableColumn<OperationRow, Number> duration = new TableColumn<>("Duration");
    duration.setId("col-duration");
    duration.setCellValueFactory(c -> c.getValue().durationSecondsProperty());
    duration.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : OperationRow.formatDuration(v.doubleValue()));
              }
            });
    duration.setPrefWidth(80);
    duration.setMaxWidth(100);

    TableColumn<OperationRow, String> child = new TableColumn<>("Current child");
    child.setId("col-child");
    child.setCellValueFactory(c -> c.getValue().currentChildProperty());
    child.setPrefWidth(195);
    child.setMinWidth(150);

    TableColumn<OperationRow, OperationRow> cancel = new TableColumn<>("");
    cancel.setId("col-cancel");
    cancel.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    cancel.setCellFactory(c -> new CancelButtonCell(onCancel::accept));
    cancel.setSortable(false);
    cancel.setPrefWidth(90);
    cancel.setMinWidth(90);
    cancel.setMaxWidth(90);
    cancel.setResizable(false);

    table
        .getColumns()
        .addAll(List.of(id, status, phase, strategy, progress, duration, child, cancel));
    SortedList<OperationRow> sorted = new SortedList<>(rows);
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);
    id.setSortType(TableColumn.SortType.DESCENDING);
    table.getSortOrder().add(id);
    return table;
  }

  static int comparePhase(String a, String b) {
    List<String> order = List.of("idle", "designing", "training", "backtesting", "assessing");
    return Integer.compare(order.indexOf(a), order.indexOf(b));
  }
}
