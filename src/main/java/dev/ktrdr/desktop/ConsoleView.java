package dev.ktrdr.desktop;

import dev.ktrdr.agent.Model;
import dev.ktrdr.agent.reply.Triggered;
import java.nio.file.Path;
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
import javafx.collections.ListChangeListener;
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
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
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

  private ExportPrompt exportPrompt = ExportDialog::ask;
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

    VBox tableBox =
        new VBox(buildFilterBar(), OperationsTable.configure(table, vm.visibleRows(), vm::cancel));
    VBox.setVgrow(table, Priority.ALWAYS);
    tableBox.getStyleClass().add("table-box");
    mainSplit.getItems().addAll(tableBox, detail);
    mainSplit.setDividerPositions(0.72);
    SplitPane.setResizableWithParent(detail, false);
    verticalSplit.setOrientation(Orientation.VERTICAL);
    verticalSplit.getItems().addAll(mainSplit, LogPane.build(logTable, vm.log()));
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

  private void applySort(SortChoice c) {
    if (c == null) {
      return;
    }
    TableColumn<OperationRow, ?> col = table.getColumns().get(c.column);
    col.setSortType(c.type);
    table.getSortOrder().setAll(List.of(col));
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

  private void showHelp() {
    ShortcutHelpDialog.show(window());
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
