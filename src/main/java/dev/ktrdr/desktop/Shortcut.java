package dev.ktrdr.desktop;

import java.util.Optional;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Every keyboard shortcut of the console, in one place: the dispatcher matches key presses against
 * these, the menus show them, and the F1 help lists them.
 */
public enum Shortcut {
  NEW_RESEARCH("New research (focus the brief)", "Shortcut+N", false),
  CANCEL_SELECTED("Cancel the selected research(es), after confirming", "Delete", true),
  FILTER("Filter the table", "Shortcut+F", false),
  EXPORT_LOGS("Export logs…", "Shortcut+E", false),
  COPY_ID("Copy the selected operation id", "Shortcut+C", true),
  REFRESH("Refresh from the database", "F5", false),
  HELP("Keyboard shortcuts", "F1", false),
  QUIT("Quit", "Shortcut+Q", false);

  private final String label;
  private final KeyCombination combination;
  private final boolean textEditingKey;

  /**
   * @param textEditingKey true when a focused text field needs the same key for itself (Delete
   *     deletes a character, Ctrl+C copies text): then the field keeps it
   */
  Shortcut(String label, String combination, boolean textEditingKey) {
    this.label = label;
    this.combination = KeyCombination.keyCombination(combination);
    this.textEditingKey = textEditingKey;
  }

  public String label() {
    return label;
  }

  public KeyCombination combination() {
    return combination;
  }

  /** "Ctrl+N" on Linux and Windows, the platform's symbols elsewhere. */
  public String displayText() {
    return combination.getDisplayText();
  }

  public boolean isTextEditingKey() {
    return textEditingKey;
  }

  public static Optional<Shortcut> match(KeyEvent e) {
    for (Shortcut s : values()) {
      if (s.combination.match(e)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
