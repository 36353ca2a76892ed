package dev.ktrdr.desktop.table;

import dev.ktrdr.desktop.DisplayFormats;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Above the table: the filter, the status choice, the sort (the keyboard path to what a header
 * click does), how many rows are shown of how many, the "N new" button that shows researches held
 * back while the user works, and "Cancel selected (N)", enabled only when something can be
 * cancelled.
 */
public final class FilterBar extends HBox {
  /** The sort choices: the keyboard path to what clicking a header does. */
  enum SortChoice {
    NEWEST("Newest first", Column.ID, false),
    OLDEST("Oldest first", Column.ID, true),
    STATUS("Status", Column.STATUS, true),
    PHASE("Phase", Column.PHASE, true),
    STRATEGY("Strategy", Column.STRATEGY, true),
    PROGRESS("Progress (most first)", Column.PROGRESS, false),
    DURATION("Duration (longest first)", Column.DURATION, false);

    final String label;
    final Column column;
    final boolean ascending;

    SortChoice(String label, Column column, boolean ascending) {
      this.label = label;
      this.column = column;
      this.ascending = ascending;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final TextField filter = new TextField();
  private final Button showNew = new Button();
  private final Button cancelSelected = new Button();

  public FilterBar(
      TableModel model, OperationsTable table, Runnable onReveal, Runnable onCancelSelected) {
    super(8);
    filter.setId("filter");
    filter.setPromptText("Filter  (/ or Ctrl+F, Esc clears)");
    filter.setTooltip(new Tooltip("Matches id, status, phase, strategy, model and brief"));
    filter.textProperty().bindBidirectional(model.filterTextProperty());
    filter.setMinWidth(120);
    HBox.setHgrow(filter, Priority.ALWAYS);
    ComboBox<StatusFilter> status = new ComboBox<>();
    status.setId("statusFilter");
    status.getItems().addAll(StatusFilter.values());
    status.setPrefWidth(170);
    status.setMinWidth(130);
    status.valueProperty().bindBidirectional(model.statusFilterProperty());
    ComboBox<SortChoice> sort = new ComboBox<>();
    sort.setId("sort");
    sort.getItems().addAll(SortChoice.values());
    sort.setPromptText("Sort");
    sort.setPrefWidth(150);
    sort.setMinWidth(90);
    sort.setTooltip(new Tooltip("Sort the table (or click a column header)"));
    sort.valueProperty()
        .addListener(
            (o, a, c) -> {
              if (c != null) {
                table.sortBy(c.column, c.ascending);
              }
            });
    Label count = new Label();
    count.setId("rowCount");
    count.getStyleClass().add("muted");
    count.setMinWidth(Label.USE_PREF_SIZE);
    count
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    DisplayFormats.count(model.shownCountProperty().get())
                        + " of "
                        + DisplayFormats.count(model.totalCountProperty().get()),
                model.shownCountProperty(),
                model.totalCountProperty()));
    count.setTooltip(new Tooltip("Rows shown of all researches in the database"));
    showNew.setId("showNew");
    showNew.getStyleClass().add("new-rows");
    showNew.setMinWidth(Button.USE_PREF_SIZE);
    showNew
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> "▲ " + DisplayFormats.count(model.pendingCountProperty().get()) + " new",
                model.pendingCountProperty()));
    showNew.visibleProperty().bind(model.pendingCountProperty().greaterThan(0));
    showNew.managedProperty().bind(showNew.visibleProperty());
    showNew.setTooltip(
        new Tooltip(
            "New researches wait here while the pointer is over the table or a row is"
                + " selected, so no row moves under you. Click (or Ctrl+R) to show them."));
    showNew.setOnAction(e -> onReveal.run());
    cancelSelected.setId("cancelSelected");
    cancelSelected.getStyleClass().add("danger");
    cancelSelected.setMinWidth(Button.USE_PREF_SIZE);
    ObservableList<OperationRow> selected = table.table().getSelectionModel().getSelectedItems();
    var cancellable =
        Bindings.createIntegerBinding(
            () -> (int) selected.stream().filter(r -> r != null && r.isActive()).count(),
            selected,
            model.revisionProperty());
    cancelSelected
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> "Cancel selected (" + cancellable.get() + ")", cancellable));
    cancelSelected.disableProperty().bind(cancellable.isEqualTo(0));
    cancelSelected.setOnAction(e -> onCancelSelected.run());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.SOMETIMES);
    getChildren().addAll(filter, status, sort, count, showNew, spacer, cancelSelected);
    setAlignment(Pos.CENTER_LEFT);
    getStyleClass().add("filter-bar");
  }

  public TextField filterField() {
    return filter;
  }
}
