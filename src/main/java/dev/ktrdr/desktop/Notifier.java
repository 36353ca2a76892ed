package dev.ktrdr.desktop;

import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Shows notices as ControlsFX notifications in the window's corner. A burst (many researches ending
 * at once) shows the first few and then one summary, instead of a wall of pop-ups.
 */
final class Notifier implements Consumer<ConsoleViewModel.Notice> {
  private static final int BURST = 3;
  private static final Duration WINDOW = Duration.seconds(3);

  private final Window owner;
  private int shownInWindow;
  private int suppressed;
  private PauseTransition reset;

  Notifier(Window owner) {
    this.owner = owner;
  }

  @Override
  public void accept(ConsoleViewModel.Notice n) {
    if (owner == null || !owner.isShowing()) {
      return;
    }
    if (shownInWindow >= BURST) {
      suppressed++;
      return;
    }
    shownInWindow++;
    if (reset == null) {
      reset = new PauseTransition(WINDOW);
      reset.setOnFinished(
          e -> {
            int more = suppressed;
            shownInWindow = 0;
            suppressed = 0;
            reset = null;
            if (more > 0) {
              accept(
                  new ConsoleViewModel.Notice(
                      ConsoleViewModel.Notice.Level.INFO,
                      null,
                      more + " more update" + (more == 1 ? "" : "s"),
                      "See the event log for details."));
            }
          });
      reset.play();
    }
    Notifications note =
        Notifications.create()
            .owner(owner)
            .title(n.title())
            .text(n.text())
            .position(Pos.BOTTOM_RIGHT)
            .hideAfter(Duration.seconds(6));
    switch (n.level()) {
      case ERROR:
        note.showError();
        break;
      case WARNING:
        note.showWarning();
        break;
      default:
        note.showInformation();
    }
  }
}
