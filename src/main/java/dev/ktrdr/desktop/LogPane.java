package dev.ktrdr.desktop;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The event log pane: a table of operation events that follows new lines as they come. */
final class LogPane {
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private final TableView<LogEntry> logTable;
  private final ObservableList<LogEntry> log;
  private boolean scrollPending;

  private LogPane(TableView<LogEntry> logTable, ObservableList<LogEntry> log) {
    this.logTable = logTable;
    this.log = log;
  }

  /** Fills {@code logTable} from {@code log} and returns the pane around it. */
  static Node build(TableView<LogEntry> logTable, ObservableList<LogEntry> log) {
    return new LogPane(logTable, log).build();
  }

  private Node build() {
    logTable.setId("log");
    TableColumn<LogEntry, String> ts = new TableColumn<>("Time");
    ts.setCellValueFactory(c -> new ReadOnlyStringWrapper(LOG_TIME.format(c.getValue().ts())));
    ts.setPrefWidth(110);
    TableColumn<LogEntry, String> op = new TableColumn<>("Operation");
    op.setCellValueFactory(
        c ->
            new ReadOnlyStringWrapper(
                c.getValue().operationId() == null ? "console" : c.getValue().operationId()));
    op.setPrefWidth(345);
    TableColumn<LogEntry, String> ev = new TableColumn<>("Event");
    ev.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().event()));
    ev.setPrefWidth(100);
    TableColumn<LogEntry, String> change = new TableColumn<>("Change");
    change.setCellValueFactory(
        c ->
            new ReadOnlyStringWrapper(
                c.getValue().to() == null
                    ? ""
                    : (c.getValue().from() == null ? "" : c.getValue().from())
                        + " → "
                        + c.getValue().to()));
    change.setPrefWidth(170);
    TableColumn<LogEntry, String> msg = new TableColumn<>("Message");
    msg.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
    msg.setPrefWidth(520);
    logTable.getColumns().addAll(List.of(ts, op, ev, change, msg));
    logTable.setItems(log);
    logTable.setPlaceholder(new Label("Operation events appear here as they happen."));
    logTable.getStyleClass().add("log-table");
    // Fixed row heights: the flow never measures thousands of rows when lines arrive fast.
    logTable.setFixedCellSize(24);
    log.addListener(
        (ListChangeListener<LogEntry>)
            ch -> {
              if (!scrollPending && logTable.getSelectionModel().isEmpty()) {
                scrollPending = true; // one scroll per burst, after the table has taken the rows
                Platform.runLater(
                    () -> {
                      scrollPending = false;
                      if (!log.isEmpty()) {
                        logTable.layout(); // let the skin see the new rows, or scrollTo past them
                        // is ignored
                        logTable.scrollTo(log.size() - 1);
                      }
                    });
              }
            });
    Label title = new Label("Event log");
    title.getStyleClass().add("pane-title");
    VBox box = new VBox(title, logTable);
    VBox.setVgrow(logTable, Priority.ALWAYS);
    box.getStyleClass().add("log-pane");
    return box;
  }
}
