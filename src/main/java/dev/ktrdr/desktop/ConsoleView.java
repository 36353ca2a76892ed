package dev.ktrdr.desktop;

import dev.ktrdr.desktop.detail.DetailPane;
import dev.ktrdr.desktop.lanes.LanesView;
import dev.ktrdr.desktop.log.ExportDialog;
import dev.ktrdr.desktop.log.LogExporter;
import dev.ktrdr.desktop.log.LogPane;
import dev.ktrdr.desktop.notify.Toasts;
import dev.ktrdr.desktop.shell.KeyDispatcher;
import dev.ktrdr.desktop.shell.Shortcut;
import dev.ktrdr.desktop.shell.ShortcutHelpDialog;
import dev.ktrdr.desktop.shell.SplitMemory;
import dev.ktrdr.desktop.shell.WindowState;
import dev.ktrdr.desktop.table.Column;
import dev.ktrdr.desktop.table.FilterBar;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.desktop.table.OperationsTable;
import dev.ktrdr.desktop.table.StatusFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The console window's content, put together: trigger bar, summary chips, filter bar and research
 * table, detail pane, event log and worker lanes, status line. State lives in the {@link
 * ConsoleViewModel}; the parts build their own controls; this class lays them out, dispatches the
 * keyboard, and keeps the layout between runs.
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
  private final TriggerBar triggerBar;
  private final OperationsTable operations;
  private final FilterBar filterBar;
  private final DetailPane detail;
  private final LogPane logPane;
  private final LanesView lanes;
  private final Toasts toasts;
  private final TabPane bottomTabs = new TabPane();
  private final SplitPane mainSplit = new SplitPane();
  private final SplitPane verticalSplit = new SplitPane();
  private final SplitMemory mainMemory;
  private final SplitMemory verticalMemory;
  private final CancelFlow cancelFlow;
  private final Menus menus;
  private final KeyDispatcher keys = new KeyDispatcher();
  private final TableActions tableActions;
  private final ExportFlow export;
  private final ImportFlow importFlow;
  private Runnable onQuit = Platform::exit;

  public ConsoleView(ConsoleViewModel vm) {
    this.vm = vm;
    root.getStyleClass().add("console-root");
    cancelFlow = new CancelFlow(vm, this::window);
    triggerBar = new TriggerBar(vm);
    operations = new OperationsTable(vm.table(), row -> cancelFlow.confirmAndCancel(List.of(row)));
    filterBar =
        new FilterBar(
            vm.table(),
            operations,
            () -> perform(Shortcut.SHOW_NEW),
            () -> perform(Shortcut.CANCEL_SELECTED));
    tableActions = new TableActions(vm, operations, filterBar, cancelFlow);
    export = new ExportFlow(vm, this::window);
    importFlow = new ImportFlow(vm, this::window);
    detail = new DetailPane(vm.detail(), () -> vm.clock().instant());
    logPane = new LogPane(vm.logModel());
    lanes = new LanesView(vm.lanes(), () -> vm.clock().instant());
    lanes.setOnPick(tableActions::select);

    VBox tableBox = new VBox(filterBar, operations.table());
    VBox.setVgrow(operations.table(), Priority.ALWAYS);
    tableBox.getStyleClass().add("table-box");
    tableBox.setMinWidth(380);
    detail.setMinWidth(240);
    mainSplit.getItems().addAll(tableBox, detail);
    mainSplit.setMinHeight(160);
    Tab logTab = new Tab("Event log", logPane.table());
    Tab lanesTab = new Tab("Worker lanes", lanes);
    logTab.setId("tabLog");
    lanesTab.setId("tabLanes");
    bottomTabs.getTabs().addAll(logTab, lanesTab);
    bottomTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    bottomTabs.setId("bottomTabs");
    StackPane bottom = new StackPane(bottomTabs);
    bottom.setMinHeight(90);
    toasts = new Toasts(bottom);
    vm.setNoticeSink(toasts);
    menus = new Menus(this); // after the toasts: the View menu shows whether they are muted
    root.setTop(new VBox(menus.bar(), triggerBar, summaryBar()));
    verticalSplit.setOrientation(Orientation.VERTICAL);
    verticalSplit.getItems().addAll(mainSplit, bottom);
    mainMemory = new SplitMemory(mainSplit, 0.70);
    verticalMemory = new SplitMemory(verticalSplit, 0.70);
    root.setCenter(verticalSplit);

    Label message = new Label();
    message.textProperty().bind(vm.messageProperty());
    message.getStyleClass().add("status-line");
    message.setId("message");
    message.setMaxWidth(Double.MAX_VALUE);
    root.setBottom(message);

    keys.on(Shortcut.NEW_RESEARCH, triggerBar::focusBrief);
    keys.on(Shortcut.FOCUS_TABLE, tableActions::focusTable);
    keys.on(Shortcut.NEXT_ROW, () -> tableActions.moveSelection(1));
    keys.on(Shortcut.PREVIOUS_ROW, () -> tableActions.moveSelection(-1));
    keys.on(Shortcut.CANCEL_SELECTED, tableActions::cancelSelected);
    keys.on(Shortcut.SHOW_NEW, tableActions::showNew);
    keys.on(Shortcut.FILTER, tableActions::focusFilter);
    keys.on(Shortcut.SLASH_FILTER, tableActions::focusFilter);
    keys.onIf(Shortcut.CLEAR_FILTER, tableActions::clearFilter);
    keys.on(Shortcut.EXPORT_LOGS, export::run);
    keys.on(Shortcut.COPY_ID, tableActions::copySelectedId);
    keys.on(Shortcut.REFRESH, vm::refresh);
    keys.on(Shortcut.HELP, () -> ShortcutHelpDialog.show(window()));
    keys.on(Shortcut.QUIT, () -> onQuit.run());

    TableView<OperationRow> table = operations.table();
    vm.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
    vm.selectedProperty().addListener((o, a, r) -> lanes.setSelected(r == null ? null : r.id()));
    vm.selectRequestProperty()
        .addListener((o, a, r) -> tableActions.select(r == null ? null : r.id()));
  }

  private FlowPane summaryBar() {
    Label coordinator = chip(vm.coordinatorTextProperty(), "summaryCoordinator");
    coordinator.visibleProperty().bind(vm.coordinatorTextProperty().isNotEmpty());
    // A flow: on a narrow window the chips wrap onto a second line instead of being cut.
    FlowPane bar =
        new FlowPane(
            8,
            6,
            coordinator,
            chip(vm.workersTextProperty(), "summaryWorkers"),
            chip(vm.budgetTextProperty(), "summaryBudget"),
            chip(vm.capacityTextProperty(), "summaryCapacity"));
    bar.getStyleClass().add("summary-bar");
    return bar;
  }

  private static Label chip(javafx.beans.value.ObservableValue<String> text, String id) {
    Label l = new Label();
    l.textProperty().bind(text);
    l.getStyleClass().add("chip");
    l.setId(id);
    l.setMinWidth(Label.USE_PREF_SIZE);
    return l;
  }

  public Parent root() {
    return root;
  }

  /** The keyboard: every {@link Shortcut}, matched in one dispatcher. */
  public void install(Scene scene) {
    keys.install(scene);
  }

  /** Runs the action of a shortcut, as the key or the menu would. */
  public void perform(Shortcut s) {
    keys.perform(s);
  }

  /** How often each shortcut's action ran (tests check one key press runs it once). */
  int performedCount(Shortcut s) {
    return keys.count(s);
  }

  /** File → Import dataset…: a file chooser, then the import dialog. */
  void importDataset() {
    importFlow.run();
  }

  /** The import dialog for a file already chosen (what the file chooser leads to). */
  void importDataset(java.nio.file.Path file) {
    importFlow.ask(file);
  }

  Window window() {
    return root.getScene() == null ? null : root.getScene().getWindow();
  }

  /** Once a second: the live parts of the detail pane. */
  public void tick() {
    detail.tick();
  }

  /** A few times a second: the log's new lines, and the worker lanes if shown and changed. */
  public void refreshQuarter() {
    logPane.refresh();
    refreshLanes();
  }

  private void refreshLanes() {
    if (bottomTabs.getSelectionModel().getSelectedIndex() == 1) {
      lanes.refresh();
    }
  }

  // ---- state ----

  /** Restores column widths, split positions, the filter and the view options from {@code s}. */
  public void restore(WindowState s) {
    for (Column c : Column.values()) {
      operations.layout().choose(c, s.getDouble("column." + c.id() + ".width", -1));
    }
    vm.filterTextProperty().set(s.getString("filter.text", ""));
    try {
      vm.statusFilterProperty().set(StatusFilter.valueOf(s.getString("filter.status", "ALL")));
    } catch (IllegalArgumentException e) {
      vm.statusFilterProperty().set(StatusFilter.ALL);
    }
    mainMemory.restore(s.getDouble("split.main", 0.70));
    verticalMemory.restore(s.getDouble("split.vertical", 0.70));
    toasts.mutedProperty().set(s.getBoolean("notifications.muted", false));
    export.setFolder(s.getString("export.folder", null));
    menus.setLanesWindow(Duration.ofMinutes((long) s.getDouble("lanes.minutes", 2)));
  }

  /** Saves only what the user chose: never a layout squeezed by a small window. */
  public void save(WindowState s) {
    for (Map.Entry<Column, Double> e : operations.layout().chosenWidths().entrySet()) {
      s.put("column." + e.getKey().id() + ".width", e.getValue());
    }
    String filter = vm.filterTextProperty().get();
    s.put("filter.text", filter == null ? "" : filter);
    s.put("filter.status", vm.statusFilterProperty().get().name());
    s.put("split.main", mainMemory.wanted());
    s.put("split.vertical", verticalMemory.wanted());
    s.put("notifications.muted", toasts.mutedProperty().get());
    if (export.folder() != null) {
      s.put("export.folder", export.folder());
    }
    s.put("lanes.minutes", menus.lanesWindow().toMinutes());
  }

  // ---- for the window, the menus and the tests ----

  void setLanesWindow(Duration window) {
    lanes.setWindow(window);
    lanes.refresh();
  }

  /** A menu item by id ({@code menu-popups}, {@code menu-HELP}…), for tests. */
  javafx.scene.control.MenuItem menuItem(String id) {
    return menus.bar().getMenus().stream()
        .flatMap(m -> m.getItems().stream())
        .filter(i -> id.equals(i.getId()))
        .findFirst()
        .orElseThrow();
  }

  Toasts toasts() {
    return toasts;
  }

  public void setExportPrompt(ExportPrompt prompt) {
    export.setPrompt(prompt);
  }

  public void setFilePicker(ExportDialog.FilePicker picker) {
    export.setPicker(picker);
  }

  public void setClipboard(Consumer<String> clipboard) {
    tableActions.setClipboard(clipboard);
  }

  public void setOnQuit(Runnable onQuit) {
    this.onQuit = onQuit;
  }

  public TableView<OperationRow> table() {
    return operations.table();
  }

  public TableColumn<OperationRow, ?> column(String id) {
    return operations.column(id);
  }

  public DetailPane detailPane() {
    return detail;
  }

  public LanesView lanesView() {
    return lanes;
  }

  TabPane bottomTabs() {
    return bottomTabs;
  }

  SplitPane mainSplit() {
    return mainSplit;
  }

  SplitPane verticalSplit() {
    return verticalSplit;
  }
}
