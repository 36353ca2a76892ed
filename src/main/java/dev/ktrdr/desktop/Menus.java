package dev.ktrdr.desktop;

import dev.ktrdr.desktop.notify.Toasts;
import dev.ktrdr.desktop.shell.Shortcut;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;

/** The menu bar: every action, with its key shown; Alt opens it, so the mouse is never needed. */
final class Menus {
  private static final List<Duration> LANE_WINDOWS =
      List.of(Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(15));

  private final ConsoleView view;
  private final MenuBar bar;
  private final ToggleGroup lanesGroup = new ToggleGroup();
  private Duration lanesWindow = Duration.ofMinutes(2);

  Menus(ConsoleView view) {
    this.view = view;
    Menu file =
        new Menu(
            "_File",
            null,
            importItem(),
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
            item(Shortcut.SHOW_NEW, "_Show new researches"),
            item(Shortcut.REFRESH, "_Refresh"));
    CheckMenuItem popups = new CheckMenuItem("_Pop-up notifications");
    popups.setId("menu-popups");
    popups.setSelected(true);
    Menu lanes = new Menu("Worker _lanes show");
    for (Duration d : LANE_WINDOWS) {
      RadioMenuItem r = new RadioMenuItem("the last " + d.toMinutes() + " minutes");
      r.setToggleGroup(lanesGroup);
      r.setUserData(d);
      r.setSelected(d.equals(lanesWindow));
      r.setOnAction(e -> setLanesWindow(d));
      lanes.getItems().add(r);
    }
    Menu viewMenu =
        new Menu(
            "_View",
            null,
            item(Shortcut.FILTER, "_Filter…"),
            item(Shortcut.FOCUS_TABLE, "Go to the _table"),
            new SeparatorMenuItem(),
            popups,
            lanes);
    Menu help = new Menu("_Help", null, item(Shortcut.HELP, "_Keyboard shortcuts"));
    bar = new MenuBar(file, research, viewMenu, help);
    bar.setId("menu");
    Toasts t = view.toasts();
    popups.setSelected(!t.mutedProperty().get());
    t.mutedProperty().addListener((o, a, m) -> popups.setSelected(!m));
    popups.setOnAction(e -> t.mutedProperty().set(!popups.isSelected()));
  }

  /**
   * A menu item for a shortcut. The key is shown in the label, not set as an accelerator, so that a
   * key press is handled once, by the view's dispatcher.
   */
  private MenuItem item(Shortcut s, String text) {
    MenuItem mi = new MenuItem(text + "    (" + s.displayText() + ")");
    mi.setMnemonicParsing(true);
    mi.setOnAction(e -> view.perform(s));
    mi.setId("menu-" + s.name());
    return mi;
  }

  private MenuItem importItem() {
    MenuItem mi = new MenuItem("_Import dataset…");
    mi.setMnemonicParsing(true);
    mi.setOnAction(e -> view.importDataset());
    mi.setId("menu-import");
    return mi;
  }

  void setLanesWindow(Duration d) {
    Duration chosen = LANE_WINDOWS.contains(d) ? d : Duration.ofMinutes(2);
    lanesWindow = chosen;
    lanesGroup.getToggles().forEach(t -> t.setSelected(chosen.equals(t.getUserData())));
    view.setLanesWindow(chosen);
  }

  Duration lanesWindow() {
    return lanesWindow;
  }

  MenuBar bar() {
    return bar;
  }
}
