package dev.ktrdr.desktop;

import dev.ktrdr.agent.AgentService;
import dev.ktrdr.desktop.shell.AppIcons;
import dev.ktrdr.desktop.shell.WindowState;
import dev.ktrdr.operations.OperationsService;
import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The window from the first moment: shown at its remembered size, saying that the database is
 * opening, as soon as the toolkit runs; the console takes its place on the same stage once the
 * engine is ready, so the window never jumps. Use on the FX thread.
 */
public final class ConsoleStartup {
  private final Stage stage;

  private ConsoleStartup(Stage stage) {
    this.stage = stage;
  }

  /** Shows the start-up window for {@code dbPath}. */
  public static ConsoleStartup show(Path dbPath) {
    WindowState state = WindowState.beside(dbPath);
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    double w = Math.min(state.getDouble("window.width", 1400), screen.getWidth());
    double h = Math.min(state.getDouble("window.height", 860), screen.getHeight());
    Label what = new Label("Opening " + dbPath.toAbsolutePath() + " …");
    what.setStyle("-fx-text-fill: #6b7280; -fx-font-size: 13px;");
    Label name = new Label(ConsoleWindow.TITLE);
    name.setStyle("-fx-font-size: 20px; -fx-font-weight: bold; -fx-text-fill: #1f2937;");
    VBox box = new VBox(10, name, what);
    box.setAlignment(Pos.CENTER);
    box.setStyle("-fx-background-color: #f5f6f8;");
    Stage stage = new Stage();
    stage.setTitle(ConsoleWindow.TITLE);
    stage.getIcons().setAll(AppIcons.load());
    stage.setScene(new Scene(box, w, h));
    stage.setMaximized(state.getBoolean("window.maximized", false));
    stage.show();
    return new ConsoleStartup(stage);
  }

  /**
   * Puts the console in the start-up window's place; {@code onFirstFrame} runs once, after the
   * first frame that lays it out (the user can work from then on).
   */
  public ConsoleWindow open(
      AgentService agent,
      OperationsService ops,
      Path dbPath,
      Runnable onClosed,
      Runnable onFirstFrame) {
    ConsoleWindow w = ConsoleWindow.open(stage, agent, ops, dbPath, onClosed);
    Scene scene = stage.getScene();
    Runnable[] once = new Runnable[1];
    once[0] =
        () -> {
          scene.removePostLayoutPulseListener(once[0]);
          onFirstFrame.run();
        };
    scene.addPostLayoutPulseListener(once[0]);
    return w;
  }

  /** Closes the window (start-up failed). */
  public void close() {
    stage.close();
  }
}
