package dev.ktrdr.desktop;

import dev.ktrdr.desktop.detail.DetailPane;
import dev.ktrdr.desktop.lanes.LanesView;
import dev.ktrdr.desktop.log.ExportDialog;
import dev.ktrdr.desktop.log.LogExporter;
import dev.ktrdr.desktop.log.LogPane;
import dev.ktrdr.desktop.notify.Notice;
import dev.ktrdr.desktop.notify.Toasts;
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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyEvent;
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
  private final Map<Shortcut, BooleanSupplier> actions = new EnumMap<>(Shortcut.class);
  private final Map<Shortcut, Integer> performed = new EnumMap<>(Shortcut.class);
  private ExportPrompt exportPrompt = this::askExport;
  private ExportDialog.FilePicker filePicker = ExportDialog::chooseFile;
  private String exportFolder;
  private Consumer<String> clipboard = ConsoleView::toSystemClipboard;
  private Runnable onQuit = Platform::exit;
  private boolean swallowTyped;

  public ConsoleView(ConsoleViewModel vm) {
    this.vm = vm;
    root.getStyleClass().add("console-root");
    cancelFlow = new CancelFlow(vm, this::window);
    triggerBar = new TriggerBar(vm);
    operations = new OperationsTable(vm.table(), row -> cancelFlow.confirmAndCancel(List.of(row)));
    filterBar =
        new FilterBar(
            vm.table(), operations, this::showNew, () -> perform(Shortcut.CANCEL_SELECTED));
    detail = new DetailPane(vm.detail(), () -> vm.clock().instant());
    logPane = new LogPane(vm.logModel());
    lanes = new LanesView(vm.lanes(), () -> vm.clock().instant());
    lanes.setOnPick(this::select);

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

    actions.put(Shortcut.NEW_RESEARCH, done(triggerBar::focusBrief));
    actions.put(Shortcut.FOCUS_TABLE, done(this::focusTable));
    actions.put(Shortcut.NEXT_ROW, done(() -> moveSelection(1)));
    actions.put(Shortcut.PREVIOUS_ROW, done(() -> moveSelection(-1)));
    actions.put(Shortcut.CANCEL_SELECTED, done(this::cancelSelected));
    actions.put(Shortcut.SHOW_NEW, done(this::showNew));
    actions.put(Shortcut.FILTER, done(this::focusFilter));
    actions.put(Shortcut.SLASH_FILTER, done(this::focusFilter));
    actions.put(Shortcut.CLEAR_FILTER, this::clearFilter);
    actions.put(Shortcut.EXPORT_LOGS, done(this::exportLogs));
    actions.put(Shortcut.COPY_ID, done(this::copySelectedId));
    actions.put(Shortcut.REFRESH, done(vm::refresh));
    actions.put(Shortcut.HELP, done(() -> ShortcutHelpDialog.show(window())));
    actions.put(Shortcut.QUIT, done(() -> onQuit.run()));

    TableView<OperationRow> table = operations.table();
    vm.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
    vm.selectedProperty().addListener((o, a, r) -> lanes.setSelected(r == null ? null : r.id()));
    vm.selectRequestProperty().addListener((o, a, r) -> select(r == null ? null : r.id()));
  }

  private static BooleanSupplier done(Runnable r) {
    return () -> {
      r.run();
      return true;
    };
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

  /** The one keyboard dispatcher: matches key presses against {@link Shortcut}. */
  public void install(Scene scene) {
    scene.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          Optional<Shortcut> s = Shortcut.match(e);
          if (s.isEmpty()) {
            return;
          }
          if (s.get().scope() == Shortcut.Scope.OUTSIDE_TEXT
              && scene.getFocusOwner() instanceof TextInputControl) {
            return; // there the key edits text: Delete deletes, / and j are typed
          }
          if (run(s.get())) {
            e.consume();
            // "/" moves the focus into the filter: its own KEY_TYPED must not land there too.
            swallowTyped = !e.getText().isEmpty() && s.get().scope() == Shortcut.Scope.OUTSIDE_TEXT;
          }
        });
    scene.addEventFilter(
        KeyEvent.KEY_TYPED,
        e -> {
          if (swallowTyped) {
            swallowTyped = false;
            e.consume();
          }
        });
  }

  /** Runs the action of a shortcut, as the key or the menu would. */
  public void perform(Shortcut s) {
    run(s);
  }

  private boolean run(Shortcut s) {
    boolean handled = actions.get(s).getAsBoolean();
    if (handled) {
      performed.merge(s, 1, Integer::sum);
    }
    return handled;
  }

  /** How often each shortcut's action ran (tests check one key press runs it once). */
  int performedCount(Shortcut s) {
    return performed.getOrDefault(s, 0);
  }

  // ---- actions ----

  private void focusTable() {
    TableView<OperationRow> t = operations.table();
    t.requestFocus();
    if (t.getSelectionModel().isEmpty() && !t.getItems().isEmpty()) {
      t.getSelectionModel().select(0);
      t.getFocusModel().focus(0);
    }
  }

  private void moveSelection(int by) {
    TableView<OperationRow> t = operations.table();
    if (t.getItems().isEmpty()) {
      return;
    }
    int from = t.getSelectionModel().getSelectedIndex();
    int to = from < 0 ? 0 : Math.max(0, Math.min(t.getItems().size() - 1, from + by));
    t.requestFocus();
    t.getSelectionModel().clearAndSelect(to);
    t.getFocusModel().focus(to);
    t.scrollTo(Math.max(0, to - 3));
  }

  private void focusFilter() {
    filterBar.filterField().requestFocus();
    filterBar.filterField().selectAll();
  }

  /** Esc: in the filter (or on the table with a filter set) clears it and goes to the table. */
  private boolean clearFilter() {
    Scene scene = root.getScene();
    Object focus = scene == null ? null : scene.getFocusOwner();
    boolean inFilter = focus == filterBar.filterField();
    boolean onTable = focus == operations.table();
    String text = vm.filterTextProperty().get();
    if (!inFilter && !(onTable && text != null && !text.isEmpty())) {
      return false;
    }
    vm.filterTextProperty().set("");
    focusTable();
    return true;
  }

  private void showNew() {
    TableView<OperationRow> t = operations.table();
    vm.table().reveal();
    if (t.getSelectionModel().isEmpty()) {
      t.scrollTo(0);
    }
  }

  /** Selects a research by id (showing it first if it waits in "new"), and scrolls to it. */
  void select(String id) {
    OperationRow row = id == null ? null : vm.row(id);
    if (row == null) {
      return;
    }
    TableView<OperationRow> t = operations.table();
    if (vm.table().isPending(row)) {
      vm.table().reveal();
    }
    int i = t.getItems().indexOf(row);
    if (i < 0) {
      vm.say(row.shortId() + " is hidden by the filter.");
      return;
    }
    t.getSelectionModel().clearAndSelect(i);
    t.scrollTo(Math.max(0, i - 3));
  }

  private void cancelSelected() {
    cancelFlow.confirmAndCancel(
        new ArrayList<>(operations.table().getSelectionModel().getSelectedItems()));
  }

  private void copySelectedId() {
    OperationRow r = operations.table().getSelectionModel().getSelectedItem();
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
        c -> {
          if (c.file().toAbsolutePath().getParent() != null) {
            exportFolder = c.file().toAbsolutePath().getParent().toString();
          }
          vm.exportLogs(c.file(), c.format(), c.visibleOnly(), this::exported);
        });
  }

  private void exported(ConsoleViewModel.ExportResult result) {
    if (!result.ok()) {
      Alert a = new Alert(Alert.AlertType.WARNING, result.message(), ButtonType.OK);
      a.initOwner(window());
      a.setTitle("Export logs");
      a.setHeaderText("The logs were not exported");
      a.getDialogPane().setId("exportFailed");
      a.show();
    } else {
      vm.publishNotice(new Notice(Notice.Level.INFO, null, "Logs exported", result.message()));
    }
  }

  /** The default prompt: format and scope, then the file, starting in the last folder used. */
  private Optional<ExportChoice> askExport(Window owner, int visible, int all) {
    return ExportDialog.askOptions(owner, visible, all)
        .flatMap(
            o ->
                filePicker
                    .pick(
                        owner,
                        ExportDialog.startFolder(exportFolder),
                        ExportDialog.suggestedName(o.format(), LocalDateTime.now()),
                        o.format())
                    .map(f -> new ExportChoice(f, o.format(), o.visibleOnly())));
  }

  private static void toSystemClipboard(String text) {
    ClipboardContent c = new ClipboardContent();
    c.putString(text);
    Clipboard.getSystemClipboard().setContent(c);
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
    exportFolder = s.getString("export.folder", null);
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
    if (exportFolder != null) {
      s.put("export.folder", exportFolder);
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
    this.exportPrompt = prompt;
  }

  public void setFilePicker(ExportDialog.FilePicker picker) {
    this.filePicker = picker;
  }

  public void setClipboard(Consumer<String> clipboard) {
    this.clipboard = clipboard;
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
