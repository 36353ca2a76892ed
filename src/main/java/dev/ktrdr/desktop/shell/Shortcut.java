package dev.ktrdr.desktop.shell;

import java.util.List;
import java.util.Optional;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Every keyboard shortcut of the console, in one place: the dispatcher matches key presses against
 * these, the menus show them, and the F1 help lists them. Single keys ({@code /}, {@code j}, {@code
 * k}, Delete) act only outside text fields, where they would otherwise be typing.
 */
public enum Shortcut {
  NEW_RESEARCH("New research (focus the brief)", Scope.ANYWHERE, "Shortcut+N"),
  FOCUS_TABLE("Go to the research table", Scope.ANYWHERE, "Shortcut+T"),
  NEXT_ROW("Next row (as in less, vim, k9s)", Scope.OUTSIDE_TEXT, "J"),
  PREVIOUS_ROW("Previous row", Scope.OUTSIDE_TEXT, "K"),
  CANCEL_SELECTED(
      "Cancel the selected research(es), after confirming", Scope.OUTSIDE_TEXT, "Delete"),
  SHOW_NEW("Show the new researches held back while you work", Scope.ANYWHERE, "Shortcut+R"),
  FILTER("Filter the table", Scope.ANYWHERE, "Shortcut+F"),
  SLASH_FILTER("Filter the table", Scope.OUTSIDE_TEXT, "Slash", "Divide"),
  CLEAR_FILTER("Clear the filter and go back to the table", Scope.ANYWHERE, "Esc"),
  EXPORT_LOGS("Export logs…", Scope.ANYWHERE, "Shortcut+E"),
  COPY_ID("Copy the selected operation id", Scope.OUTSIDE_TEXT, "Shortcut+C"),
  REFRESH("Refresh from the database", Scope.ANYWHERE, "F5"),
  HELP("Keyboard shortcuts", Scope.ANYWHERE, "F1"),
  QUIT("Quit", Scope.ANYWHERE, "Shortcut+Q");

  /** Where a shortcut acts. */
  public enum Scope {
    ANYWHERE,
    /** Not while a text field has the focus: there the key edits text. */
    OUTSIDE_TEXT
  }

  private final String label;
  private final Scope scope;
  private final List<KeyCombination> combinations;

  Shortcut(String label, Scope scope, String... combinations) {
    this.label = label;
    this.scope = scope;
    this.combinations = java.util.Arrays.stream(combinations).map(Shortcut::parse).toList();
  }

  private static KeyCombination parse(String s) {
    KeyCode code = KeyCode.getKeyCode(s);
    // A bare key (J, Slash): no modifier may be down, so Ctrl+J stays free for others.
    return code != null ? new KeyCodeCombination(code) : KeyCombination.keyCombination(s);
  }

  public String label() {
    return label;
  }

  public Scope scope() {
    return scope;
  }

  /** The main key combination (menus show it). */
  public KeyCombination combination() {
    return combinations.get(0);
  }

  /** "Ctrl+N" on Linux and Windows, the platform's symbols elsewhere; "/" for the slash. */
  public String displayText() {
    KeyCombination c = combination();
    if (c instanceof KeyCodeCombination && ((KeyCodeCombination) c).getCode() == KeyCode.SLASH) {
      return "/";
    }
    return c.getDisplayText();
  }

  public static Optional<Shortcut> match(KeyEvent e) {
    for (Shortcut s : values()) {
      for (KeyCombination c : s.combinations) {
        if (c.match(e)) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }
}
