package dev.ktrdr.desktop.log;

import dev.ktrdr.desktop.DisplayFormats;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The event log: a table of operation events that follows new lines as they come, unless the user
 * is reading it (pointer over it, or a line selected): then it stays where it is.
 */
public final class LogPane {
  private final TableView<LogEntry> table = new TableView<>();
  private final LogModel model;
  private LogEntry lastShown;

  public LogPane(LogModel model) {
    this.model = model;
    table.setId("log");
    TableColumn<LogEntry, String> ts = column("Time", 112, e -> DisplayFormats.timeMillis(e.ts()));
    TableColumn<LogEntry, String> op =
        column("Operation", 300, e -> e.operationId() == null ? "console" : e.operationId());
    // Cut from the left when narrow: the unique hash at the end stays readable.
    op.setCellFactory(
        c ->
            new javafx.scene.control.TableCell<>() {
              {
                setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
              }

              @Override
              protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
              }
            });
    TableColumn<LogEntry, String> ev = column("Event", 100, LogEntry::event);
    TableColumn<LogEntry, String> change =
        column(
            "Change",
            160,
            e -> e.to() == null ? "" : (e.from() == null ? "" : e.from()) + " → " + e.to());
    TableColumn<LogEntry, String> msg = column("Message", 520, LogEntry::message);
    table.getColumns().addAll(List.of(ts, op, ev, change, msg));
    table.setItems(model.lines());
    table.setPlaceholder(new Label("Operation events appear here as they happen."));
    table.getStyleClass().add("log-table");
    // Fixed row heights: the flow never measures thousands of rows when lines arrive fast.
    table.setFixedCellSize(24);
    table.hoverProperty().addListener((o, a, b) -> updateHold());
    table
        .getSelectionModel()
        .getSelectedItems()
        .addListener((ListChangeListener<LogEntry>) c -> updateHold());
  }

  private boolean reading() {
    return table.isHover() || !table.getSelectionModel().isEmpty();
  }

  private void updateHold() {
    model.setHeld(reading());
  }

  /**
   * A few times a second (the window's timer): takes the waiting lines and, unless the user is
   * reading, follows the newest.
   */
  public void refresh() {
    int before = model.lines().size();
    model.flush();
    if (model.lines().size() != before || lastShown != lastLine()) {
      if (!reading() && !model.lines().isEmpty()) {
        table.layout(); // let the skin see the new rows first, or it ignores a scroll past them
        table.scrollTo(model.lines().size() - 1);
      }
      lastShown = lastLine();
    }
  }

  private LogEntry lastLine() {
    return model.lines().isEmpty() ? null : model.lines().get(model.lines().size() - 1);
  }

  private static TableColumn<LogEntry, String> column(
      String title, double width, java.util.function.Function<LogEntry, String> value) {
    TableColumn<LogEntry, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setPrefWidth(width);
    return c;
  }

  public TableView<LogEntry> table() {
    return table;
  }
}
