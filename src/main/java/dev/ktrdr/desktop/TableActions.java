package dev.ktrdr.desktop;

import dev.ktrdr.desktop.table.FilterBar;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.desktop.table.OperationsTable;
import java.util.ArrayList;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * What the keyboard and the menus do to the research table: go to it, move in it (j/k), filter it
 * (/, Esc), show the new researches, select one by id, copy an id, cancel the selected ones.
 */
final class TableActions {
  private final ConsoleViewModel vm;
  private final OperationsTable operations;
  private final FilterBar filterBar;
  private final CancelFlow cancelFlow;
  private Consumer<String> clipboard = TableActions::toSystemClipboard;

  TableActions(
      ConsoleViewModel vm, OperationsTable operations, FilterBar filterBar, CancelFlow cancelFlow) {
    this.vm = vm;
    this.operations = operations;
    this.filterBar = filterBar;
    this.cancelFlow = cancelFlow;
  }

  private TableView<OperationRow> table() {
    return operations.table();
  }

  void focusTable() {
    TableView<OperationRow> t = table();
    t.requestFocus();
    if (t.getSelectionModel().isEmpty() && !t.getItems().isEmpty()) {
      t.getSelectionModel().select(0);
      t.getFocusModel().focus(0);
    }
  }

  void moveSelection(int by) {
    TableView<OperationRow> t = table();
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

  void focusFilter() {
    filterBar.filterField().requestFocus();
    filterBar.filterField().selectAll();
  }

  /** Esc: in the filter (or on the table with a filter set) clears it and goes to the table. */
  boolean clearFilter() {
    Scene scene = table().getScene();
    Object focus = scene == null ? null : scene.getFocusOwner();
    boolean inFilter = focus == filterBar.filterField();
    boolean onTable = focus == table();
    String text = vm.filterTextProperty().get();
    if (!inFilter && !(onTable && text != null && !text.isEmpty())) {
      return false;
    }
    vm.filterTextProperty().set("");
    focusTable();
    return true;
  }

  void showNew() {
    vm.table().reveal();
    if (table().getSelectionModel().isEmpty()) {
      table().scrollTo(0);
    }
  }

  /** Selects a research by id (showing it first if it waits in "new"), and scrolls to it. */
  void select(String id) {
    OperationRow row = id == null ? null : vm.row(id);
    if (row == null) {
      return;
    }
    if (vm.table().isPending(row)) {
      vm.table().reveal();
    }
    int i = table().getItems().indexOf(row);
    if (i < 0) {
      vm.say(row.shortId() + " is hidden by the filter.");
      return;
    }
    table().getSelectionModel().clearAndSelect(i);
    table().scrollTo(Math.max(0, i - 3));
  }

  void cancelSelected() {
    cancelFlow.confirmAndCancel(new ArrayList<>(table().getSelectionModel().getSelectedItems()));
  }

  void copySelectedId() {
    OperationRow r = table().getSelectionModel().getSelectedItem();
    if (r == null) {
      vm.say("Nothing selected to copy.");
      return;
    }
    clipboard.accept(r.id());
    vm.say("Copied " + r.id());
  }

  void setClipboard(Consumer<String> clipboard) {
    this.clipboard = clipboard;
  }

  private static void toSystemClipboard(String text) {
    ClipboardContent c = new ClipboardContent();
    c.putString(text);
    Clipboard.getSystemClipboard().setContent(c);
  }
}
