package dev.ktrdr.desktop.shell;

import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * What the user sees while the database opens: the window itself, at its remembered size, saying
 * what it is doing. It appears as soon as the toolkit runs; the console takes its place on the same
 * stage a moment later, so the window never jumps.
 */
public final class StartupWindow {
  private StartupWindow() {}

  /** Shows {@code stage} at the size the console had last time; call on the FX thread. */
  public static void show(Stage stage, Path dbPath, String title) {
    WindowState state = WindowState.beside(dbPath);
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    double w = Math.min(state.getDouble("window.width", 1400), screen.getWidth());
    double h = Math.min(state.getDouble("window.height", 860), screen.getHeight());
    Label what = new Label("Opening " + dbPath.toAbsolutePath() + " …");
    what.setStyle("-fx-text-fill: #6b7280; -fx-font-size: 13px;");
    Label name = new Label(title);
    name.setStyle("-fx-font-size: 20px; -fx-font-weight: bold; -fx-text-fill: #1f2937;");
    VBox box = new VBox(10, name, what);
    box.setAlignment(Pos.CENTER);
    box.setStyle("-fx-background-color: #f5f6f8;");
    stage.setTitle(title);
    stage.getIcons().setAll(AppIcons.load());
    stage.setScene(new Scene(box, w, h));
    stage.setMaximized(state.getBoolean("window.maximized", false));
    stage.show();
  }
}
