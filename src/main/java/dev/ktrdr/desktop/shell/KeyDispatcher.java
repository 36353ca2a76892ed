package dev.ktrdr.desktop.shell;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;

/**
 * The one keyboard dispatcher: key presses are matched against {@link Shortcut}, and the action
 * registered for it runs — once, whether it came from the key or a menu. An action may decline (Esc
 * outside the filter), and the key then goes on to whoever else wants it.
 */
public final class KeyDispatcher {
  private final Map<Shortcut, BooleanSupplier> actions = new EnumMap<>(Shortcut.class);
  private final Map<Shortcut, Integer> performed = new EnumMap<>(Shortcut.class);
  private boolean swallowTyped;

  /** Registers what {@code s} does. */
  public void on(Shortcut s, Runnable action) {
    actions.put(
        s,
        () -> {
          action.run();
          return true;
        });
  }

  /** Registers an action that may decline (returns false) when it does not apply. */
  public void onIf(Shortcut s, BooleanSupplier action) {
    actions.put(s, action);
  }

  /** Listens to {@code scene}'s key presses. */
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
          if (perform(s.get())) {
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

  /** Runs the action of {@code s}, as the key or the menu would; false if it declined. */
  public boolean perform(Shortcut s) {
    BooleanSupplier a = actions.get(s);
    boolean handled = a != null && a.getAsBoolean();
    if (handled) {
      performed.merge(s, 1, Integer::sum);
    }
    return handled;
  }

  /** How often {@code s}'s action ran (tests check one key press runs it once). */
  public int count(Shortcut s) {
    return performed.getOrDefault(s, 0);
  }
}
