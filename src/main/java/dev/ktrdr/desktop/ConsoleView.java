package dev.ktrdr.desktop;

import dev.ktrdr.agent.Model;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.operations.OperationStatus;
import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The console window's content: trigger bar, summary, filterable operations table with a Cancel
 * button per row, detail pane, log pane and status line. State lives in the {@link
 * ConsoleViewModel}; this class builds controls, binds them and asks the user questions.
 */
public final class ConsoleView {
  /** Where and how to export, as the user chose. */
  public record ExportChoice(Path file, LogExporter.Format format, boolean visibleOnly) {}

  /** Asks the user for an export target; replaced in tests, where no file dialog can open. */
  @FunctionalInterface
  public interface ExportPrompt {
    Optional<ExportChoice> ask(Window owner, int visibleRows, int allRows);
  }

  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  /** Every research id starts with this; the table shows the rest, the tooltip the whole. */
  private static final String RESEARCH_PREFIX = "op_agent_research_";

  private final ConsoleViewModel vm;
  private final BorderPane root = new BorderPane();
  private final TableView<OperationRow> table = new TableView<>();
  private final TextField brief = new TextField();
  private final ComboBox<String> model = new ComboBox<>();
  private final CheckBox bypassGates = new CheckBox("Bypass gates");
  private final CheckBox force = new CheckBox("Force");
  private final Button trigger = new Button("Trigger");
  private final TextField filter = new TextField();
  private final ComboBox<StatusFilter> statusFilter = new ComboBox<>();
  private final ComboBox<SortChoice> sortChoice = new ComboBox<>();
  private final Button cancelSelected = new Button();
  private final TableView<LogEntry> logTable = new TableView<>();
  private final DetailPane detail = new DetailPane();
  private final Label message = new Label();
  private final SplitPane mainSplit = new SplitPane();
  private final SplitPane verticalSplit = new SplitPane();
  private final Map<Shortcut, Runnable> actions = new EnumMap<>(Shortcut.class);
  private final Map<Shortcut, Integer> performed = new EnumMap<>(Shortcut.class);

  private boolean logScrollPending;
  private ExportPrompt exportPrompt = ConsoleView::askExport;
  private Consumer<String> clipboard = ConsoleView::toSystemClipboard;
  private Runnable onQuit = Platform::exit;

  /** The sort choices of the filter bar: the keyboard path to what clicking a header does. */
  enum SortChoice {
    NEWEST("Newest first", 0, TableColumn.SortType.DESCENDING),
    OLDEST("Oldest first", 0, TableColumn.SortType.ASCENDING),
    STATUS("Status", 1, TableColumn.SortType.ASCENDING),
    PHASE("Phase", 2, TableColumn.SortType.ASCENDING),
    STRATEGY("Strategy", 3, TableColumn.SortType.ASCENDING),
    PROGRESS("Progress (most first)", 4, TableColumn.SortType.DESCENDING),
    DURATION("Duration (longest first)", 5, TableColumn.SortType.DESCENDING);

    final String label;
    final int column;
    final TableColumn.SortType type;

    SortChoice(String label, int column, TableColumn.SortType type) {
      this.label = label;
      this.column = column;
      this.type = type;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public ConsoleView(ConsoleViewModel vm) {
    this.vm = vm;
    root.getStyleClass().add("console-root");
    VBox top = new VBox(buildMenu(), buildTriggerBar(), buildSummaryBar());
    root.setTop(top);

    VBox tableBox = new VBox(buildFilterBar(), buildTable());
    VBox.setVgrow(table, Priority.ALWAYS);
    tableBox.getStyleClass().add("table-box");
    mainSplit.getItems().addAll(tableBox, detail);
    mainSplit.setDividerPositions(0.72);
    SplitPane.setResizableWithParent(detail, false);
    verticalSplit.setOrientation(Orientation.VERTICAL);
    verticalSplit.getItems().addAll(mainSplit, buildLogPane());
    verticalSplit.setDividerPositions(0.72);
    root.setCenter(verticalSplit);

    message.textProperty().bind(vm.messageProperty());
    message.getStyleClass().add("status-line");
    message.setId("message");
    message.setMaxWidth(Double.MAX_VALUE);
    root.setBottom(message);

    actions.put(Shortcut.NEW_RESEARCH, this::newResearch);
    actions.put(Shortcut.CANCEL_SELECTED, this::cancelSelected);
    actions.put(Shortcut.FILTER, this::focusFilter);
    actions.put(Shortcut.EXPORT_LOGS, this::exportLogs);
    actions.put(Shortcut.COPY_ID, this::copySelectedId);
    actions.put(Shortcut.REFRESH, vm::refresh);
    actions.put(Shortcut.HELP, this::showHelp);
    actions.put(Shortcut.QUIT, () -> onQuit.run());

    vm.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
    vm.detailProperty().addListener((o, a, d) -> detail.show(d, vm.selectedProperty().get()));
    vm.selectedProperty().addListener((o, a, r) -> detail.show(vm.detailProperty().get(), r));
    vm.lastTriggeredProperty().addListener((o, a, id) -> selectWhenPresent(id));
  }

  public Parent root() {
    return root;
  }

  /** The one keyboard dispatcher: matches key presses against {@link Shortcut}. */
  public void install(Scene scene) {
    scene.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          Optional<Shortcut> s = Shortcut.match(e);
          if (s.isEmpty()) {
            return;
          }
          if (s.get().isTextEditingKey() && scene.getFocusOwner() instanceof TextInputControl) {
            return; // Delete and Ctrl+C keep their meaning inside a text field
          }
          e.consume();
          perform(s.get());
        });
  }

  /** Runs the action of a shortcut, as the key or the menu would. */
  public void perform(Shortcut s) {
    performed.merge(s, 1, Integer::sum);
    actions.get(s).run();
  }

  /** How often each shortcut's action ran (tests check one key press runs it once). */
  int performedCount(Shortcut s) {
    return performed.getOrDefault(s, 0);
  }

  // ---- building ----

  private MenuBar buildMenu() {
    Menu file =
        new Menu(
            "_File",
            null,
            item(Shortcut.EXPORT_LOGS, "_Export logs…"),
            new SeparatorMenuItem(),
            item(Shortcut.QUIT, "_Quit"));
    Menu research =
        new Menu(
            "_Research",
            null,
            item(Shortcut.NEW_RESEARCH, "_New research"),
            item(Shortcut.CANCEL_SELECTED, "_Cancel selected…"),
            item(Shortcut.COPY_ID, "Cop_y operation id"),
            new SeparatorMenuItem(),
            item(Shortcut.REFRESH, "_Refresh"));
    Menu view = new Menu("_View", null, item(Shortcut.FILTER, "_Filter…"));
    Menu help = new Menu("_Help", null, item(Shortcut.HELP, "_Keyboard shortcuts"));
    MenuBar bar = new MenuBar(file, research, view, help);
    bar.setId("menu");
    return bar;
  }

  /**
   * A menu item for a shortcut. The key is shown in the label, not set as an accelerator, so that a
   * key press is handled once, by {@link #install}'s dispatcher.
   */
  private MenuItem item(Shortcut s, String text) {
    MenuItem mi = new MenuItem(text + "    (" + s.displayText() + ")");
    mi.setMnemonicParsing(true);
    mi.setOnAction(e -> perform(s));
    mi.setId("menu-" + s.name());
    return mi;
  }

  private Node buildTriggerBar() {
    Label title = new Label("New research");
    title.getStyleClass().add("bar-title");
    brief.setId("brief");
    brief.setPromptText("Brief, e.g. Explore RSI variations on EURUSD 1h  (Ctrl+N)");
    HBox.setHgrow(brief, Priority.ALWAYS);
    brief.setOnAction(e -> doTrigger());
    model.setId("model");
    model.getItems().addAll(Arrays.stream(Model.values()).map(Model::alias).toList());
    model.setValue(Model.DEFAULT.alias());
    model.setTooltip(new Tooltip("Model for design and assessment"));
    bypassGates.setId("bypassGates");
    bypassGates.setTooltip(new Tooltip("Skip the training and backtest quality gates"));
    force.setId("force");
    force.setTooltip(new Tooltip("Start even when at capacity or out of budget"));
    trigger.setId("trigger");
    trigger.getStyleClass().add("accent");
    trigger.setDefaultButton(false);
    trigger.setOnAction(e -> doTrigger());
    HBox bar = new HBox(10, title, brief, new Label("Model"), model, bypassGates, force, trigger);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("trigger-bar");
    return bar;
  }

  private Node buildSummaryBar() {
    Label coordinator = chip(vm.coordinatorTextProperty(), "summaryCoordinator");
    Label workers = chip(vm.workersTextProperty(), "summaryWorkers");
    Label budget = chip(vm.budgetTextProperty(), "summaryBudget");
    Label capacity = chip(vm.capacityTextProperty(), "summaryCapacity");
    coordinator.visibleProperty().bind(vm.coordinatorTextProperty().isNotEmpty());
    HBox bar = new HBox(8, coordinator, workers, budget, capacity);
    bar.getStyleClass().add("summary-bar");
    bar.setAlignment(Pos.CENTER_LEFT);
    return bar;
  }

  private static Label chip(javafx.beans.value.ObservableValue<String> text, String id) {
    Label l = new Label();
    l.textProperty().bind(text);
    l.getStyleClass().add("chip");
    l.setId(id);
    return l;
  }

  private Node buildFilterBar() {
    filter.setId("filter");
    filter.setPromptText("Filter  (Ctrl+F)");
    filter.setTooltip(new Tooltip("Matches id, status, phase, strategy, model and brief"));
    filter.textProperty().bindBidirectional(vm.filterTextProperty());
    HBox.setHgrow(filter, Priority.ALWAYS);
    statusFilter.setId("statusFilter");
    statusFilter.getItems().addAll(StatusFilter.values());
    statusFilter.setPrefWidth(190);
    statusFilter.valueProperty().bindBidirectional(vm.statusFilterProperty());
    sortChoice.setId("sort");
    sortChoice.getItems().addAll(SortChoice.values());
    sortChoice.setPromptText("Sort");
    sortChoice.setPrefWidth(170);
    sortChoice.setTooltip(new Tooltip("Sort the table (or click a column header)"));
    sortChoice.valueProperty().addListener((o, a, c) -> applySort(c));
    cancelSelected.setId("cancelSelected");
    cancelSelected.getStyleClass().add("danger");
    var selectedItems = table.getSelectionModel().getSelectedItems();
    cancelSelected
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> "Cancel selected (" + selectedItems.size() + ")", selectedItems));
    cancelSelected.setOnAction(e -> cancelSelected());
    Label count = new Label();
    count.getStyleClass().add("muted");
    count
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> vm.visibleRows().size() + " of " + vm.rows().size() + " shown",
                vm.visibleRows(),
                vm.rows()));
    HBox bar = new HBox(8, filter, statusFilter, sortChoice, count, spacer(), cancelSelected);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("filter-bar");
    return bar;
  }

  private static Region spacer() {
    Region r = new Region();
    HBox.setHgrow(r, Priority.ALWAYS);
    return r;
  }

  private Node buildTable() {
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
    phase.setComparator(ConsoleView::comparePhase);
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
    cancel.setCellFactory(c -> new CancelButtonCell(vm::cancel));
    cancel.setSortable(false);
    cancel.setPrefWidth(90);
    cancel.setMinWidth(90);
    cancel.setMaxWidth(90);
    cancel.setResizable(false);

    table
        .getColumns()
        .addAll(List.of(id, status, phase, strategy, progress, duration, child, cancel));
    SortedList<OperationRow> sorted = new SortedList<>(vm.visibleRows());
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);
    id.setSortType(TableColumn.SortType.DESCENDING);
    table.getSortOrder().add(id);
    return table;
  }

  private static int comparePhase(String a, String b) {
    List<String> order = List.of("idle", "designing", "training", "backtesting", "assessing");
    return Integer.compare(order.indexOf(a), order.indexOf(b));
  }

  private void applySort(SortChoice c) {
    if (c == null) {
      return;
    }
    TableColumn<OperationRow, ?> col = table.getColumns().get(c.column);
    col.setSortType(c.type);
    table.getSortOrder().setAll(List.of(col));
  }

  private Node buildLogPane() {
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
    logTable.setItems(vm.log());
    logTable.setPlaceholder(new Label("Operation events appear here as they happen."));
    logTable.getStyleClass().add("log-table");
    // Fixed row heights: the flow never measures thousands of rows when lines arrive fast.
    logTable.setFixedCellSize(24);
    vm.log()
        .addListener(
            (ListChangeListener<LogEntry>)
                ch -> {
                  if (!logScrollPending && logTable.getSelectionModel().isEmpty()) {
                    logScrollPending =
                        true; // one scroll per burst, after the table has taken the rows
                    Platform.runLater(
                        () -> {
                          logScrollPending = false;
                          if (!vm.log().isEmpty()) {
                            logTable
                                .layout(); // let the skin see the new rows, or scrollTo past them
                            // is ignored
                            logTable.scrollTo(vm.log().size() - 1);
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

  // ---- actions ----

  private void newResearch() {
    brief.requestFocus();
    brief.selectAll();
  }

  private void focusFilter() {
    filter.requestFocus();
    filter.selectAll();
  }

  private void doTrigger() {
    trigger.setDisable(true);
    vm.trigger(
        brief.getText(),
        model.getValue(),
        bypassGates.isSelected(),
        force.isSelected(),
        reply -> {
          trigger.setDisable(false);
          if (reply instanceof Triggered) {
            brief.clear();
          }
        });
  }

  private void selectWhenPresent(String id) {
    if (id == null) {
      return;
    }
    Runnable select =
        () -> {
          for (OperationRow r : table.getItems()) {
            if (r.id().equals(id)) {
              table.getSelectionModel().clearSelection();
              table.getSelectionModel().select(r);
              table.scrollTo(r);
              return;
            }
          }
        };
    if (vm.row(id) != null) {
      select.run();
    } else {
      // The row arrives with the creation event, in the next batch.
      ListChangeListener<OperationRow> once =
          new ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends OperationRow> c) {
              if (vm.row(id) != null) {
                vm.rows().removeListener(this);
                Platform.runLater(select);
              }
            }
          };
      vm.rows().addListener(once);
    }
  }

  /** Cancel selected (N): one confirmation, then one outcome per row. */
  private void cancelSelected() {
    List<OperationRow> selected = new ArrayList<>(table.getSelectionModel().getSelectedItems());
    if (selected.isEmpty()) {
      vm.say("Select one or more researches first (arrow keys, Shift/Ctrl to extend).");
      return;
    }
    List<OperationRow> cancellable = selected.stream().filter(OperationRow::isCancellable).toList();
    String list =
        selected.stream()
            .map(r -> "• " + r.id() + "  (" + r.status().wire() + ")")
            .collect(Collectors.joining("\n"));
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
    confirm.initOwner(window());
    confirm.setTitle("Cancel research");
    confirm.setHeaderText(
        selected.size() == 1
            ? "Cancel this research?"
            : "Cancel " + selected.size() + " researches?");
    confirm.setContentText(
        list
            + (cancellable.size() < selected.size()
                ? "\n\n"
                    + (selected.size() - cancellable.size())
                    + " of them already ended; the service will say so."
                : "")
            + "\n\nRunning work is stopped and its workers are freed.");
    ButtonType yes =
        new ButtonType(
            "Cancel research" + (selected.size() == 1 ? "" : "es"), ButtonBar.ButtonData.OK_DONE);
    ButtonType no = new ButtonType("Keep running", ButtonBar.ButtonData.CANCEL_CLOSE);
    confirm.getButtonTypes().setAll(yes, no);
    confirm.getDialogPane().setId("confirmCancel");
    if (confirm.showAndWait().orElse(no) != yes) {
      return;
    }
    vm.cancelAll(
        selected,
        outcomes -> {
          if (outcomes.size() == 1) {
            if (!outcomes.get(0).success()) {
              vm.publishNotice(
                  new ConsoleViewModel.Notice(
                      ConsoleViewModel.Notice.Level.WARNING,
                      outcomes.get(0).operationId(),
                      "Cancel refused",
                      outcomes.get(0).message()));
            }
            return;
          }
          Alert done = new Alert(Alert.AlertType.INFORMATION);
          done.initOwner(window());
          done.setTitle("Cancel selected");
          long ok = outcomes.stream().filter(ConsoleViewModel.CancelOutcome::success).count();
          done.setHeaderText("Cancelled " + ok + " of " + outcomes.size());
          done.setContentText(
              outcomes.stream()
                  .map(o -> (o.success() ? "✔ " : "✖ ") + o.operationId() + " — " + o.message())
                  .collect(Collectors.joining("\n")));
          done.getDialogPane().setId("cancelResults");
          done.show();
        });
  }

  private void copySelectedId() {
    OperationRow r = table.getSelectionModel().getSelectedItem();
    if (r == null) {
      vm.say("Nothing selected to copy.");
      return;
    }
    clipboard.accept(r.id());
    vm.say("Copied " + r.id());
  }

  private void exportLogs() {
    Optional<ExportChoice> choice =
        exportPrompt.ask(window(), vm.visibleRows().size(), vm.rows().size());
    choice.ifPresent(
        c ->
            vm.exportLogs(
                c.file(),
                c.format(),
                c.visibleOnly(),
                result -> {
                  if (!result.ok()) {
                    Alert a = new Alert(Alert.AlertType.WARNING, result.message(), ButtonType.OK);
                    a.initOwner(window());
                    a.setTitle("Export logs");
                    a.setHeaderText("The logs were not exported");
                    a.getDialogPane().setId("exportFailed");
                    a.show();
                  } else {
                    vm.publishNotice(
                        new ConsoleViewModel.Notice(
                            ConsoleViewModel.Notice.Level.INFO,
                            null,
                            "Logs exported",
                            result.message()));
                  }
                }));
  }

  /** Format and scope in a small dialog, then the file in the platform's file chooser. */
  private static Optional<ExportChoice> askExport(Window owner, int visibleRows, int allRows) {
    Dialog<ButtonType> d = new Dialog<>();
    d.initOwner(owner);
    d.setTitle("Export logs");
    d.setHeaderText("Export operation events");
    ToggleGroup format = new ToggleGroup();
    RadioButton jsonl = new RadioButton("JSON Lines (one JSON object per event)");
    RadioButton csv = new RadioButton("CSV (with a header row)");
    jsonl.setToggleGroup(format);
    csv.setToggleGroup(format);
    jsonl.setSelected(true);
    ToggleGroup scope = new ToggleGroup();
    RadioButton all = new RadioButton("All events in the database");
    RadioButton visible =
        new RadioButton(
            "Only the "
                + visibleRows
                + " filtered row"
                + (visibleRows == 1 ? "" : "s")
                + " (of "
                + allRows
                + ") and their children");
    all.setToggleGroup(scope);
    visible.setToggleGroup(scope);
    all.setSelected(true);
    GridPane g = new GridPane();
    g.setHgap(10);
    g.setVgap(8);
    g.setPadding(new Insets(10));
    g.addRow(0, new Label("Format"), new VBox(6, jsonl, csv));
    g.addRow(1, new Label("Events"), new VBox(6, all, visible));
    d.getDialogPane().setContent(g);
    d.getDialogPane()
        .getButtonTypes()
        .addAll(new ButtonType("Choose file…", ButtonBar.ButtonData.OK_DONE), ButtonType.CANCEL);
    Optional<ButtonType> b = d.showAndWait();
    if (b.isEmpty() || b.get().getButtonData() != ButtonBar.ButtonData.OK_DONE) {
      return Optional.empty();
    }
    LogExporter.Format f =
        csv.isSelected() ? LogExporter.Format.CSV : LogExporter.Format.JSON_LINES;
    FileChooser fc = new FileChooser();
    fc.setTitle("Export logs");
    fc.setInitialFileName("ktrdr-events." + f.extension());
    fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.label(), "*." + f.extension()));
    File file = fc.showSaveDialog(owner);
    return file == null
        ? Optional.empty()
        : Optional.of(new ExportChoice(file.toPath(), f, visible.isSelected()));
  }

  private void showHelp() {
    GridPane g = new GridPane();
    g.setHgap(18);
    g.setVgap(6);
    g.getStyleClass().add("help-grid");
    int i = 0;
    for (Shortcut s : Shortcut.values()) {
      Label key = new Label(s.displayText());
      key.getStyleClass().add("kbd");
      g.addRow(i++, key, new Label(s.label()));
    }
    Label more =
        new Label(
            "Tab / Shift+Tab move between controls; arrow keys and Shift/Ctrl "
                + "select rows; Alt opens the menus; Enter in the brief triggers. The row Cancel "
                + "button is the same as selecting the row and pressing Delete.");
    more.setWrapText(true);
    more.setMaxWidth(420);
    g.add(more, 0, i, 2, 1);
    Alert a = new Alert(Alert.AlertType.INFORMATION);
    a.initOwner(window());
    a.setTitle("Keyboard shortcuts");
    a.setHeaderText("Keyboard shortcuts");
    a.getDialogPane().setContent(g);
    a.getDialogPane().setId("help");
    a.show();
  }

  private static void toSystemClipboard(String text) {
    ClipboardContent c = new ClipboardContent();
    c.putString(text);
    Clipboard.getSystemClipboard().setContent(c);
  }

  private Window window() {
    return root.getScene() == null ? null : root.getScene().getWindow();
  }

  // ---- state ----

  /** Restores column widths, split positions and the filter from {@code s}. */
  public void restore(WindowState s) {
    for (TableColumn<OperationRow, ?> c : table.getColumns()) {
      double w = s.getDouble("column." + c.getId() + ".width", -1);
      if (w > 10) {
        c.setPrefWidth(w);
      }
    }
    vm.filterTextProperty().set(s.getString("filter.text", ""));
    try {
      vm.statusFilterProperty().set(StatusFilter.valueOf(s.getString("filter.status", "ALL")));
    } catch (IllegalArgumentException e) {
      vm.statusFilterProperty().set(StatusFilter.ALL);
    }
    mainSplit.setDividerPositions(s.getDouble("split.main", 0.72));
    verticalSplit.setDividerPositions(s.getDouble("split.vertical", 0.72));
  }

  public void save(WindowState s) {
    for (TableColumn<OperationRow, ?> c : table.getColumns()) {
      s.put("column." + c.getId() + ".width", c.getWidth());
    }
    s.put(
        "filter.text", vm.filterTextProperty().get() == null ? "" : vm.filterTextProperty().get());
    s.put("filter.status", vm.statusFilterProperty().get().name());
    s.put("split.main", mainSplit.getDividerPositions()[0]);
    s.put("split.vertical", verticalSplit.getDividerPositions()[0]);
  }

  // ---- for the window and the tests ----

  public void setExportPrompt(ExportPrompt prompt) {
    this.exportPrompt = prompt;
  }

  public void setClipboard(Consumer<String> clipboard) {
    this.clipboard = clipboard;
  }

  public void setOnQuit(Runnable onQuit) {
    this.onQuit = onQuit;
  }

  public TableView<OperationRow> table() {
    return table;
  }

  public TableColumn<OperationRow, ?> column(String id) {
    return table.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
  }
}
