package dev.ktrdr.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.testing.TestEngine;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What a user does in the console window, for the TestFX tests that drive it. */
final class WindowSteps {
  private WindowSteps() {}

  /** Runs {@code c} on the FX thread and returns its value. */
  static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void awaitRowStatus(ConsoleViewModel vm, String id, OperationStatus s) {
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> vm.row(id) != null && vm.row(id).status() == s));
  }

  /** The Cancel button on the row of research {@code id}, once that row is on screen. */
  static Button cancelButtonOf(FxRobot robot, String id) {
    await()
        .atMost(TestEngine.WAIT)
        .until(
            () ->
                fx(
                    () ->
                        robot.lookup(".row-cancel").queryAllAs(Button.class).stream()
                            .anyMatch(b -> id.equals(b.getUserData()) && b.isVisible())));
    return fx(
        () ->
            robot.lookup(".row-cancel").queryAllAs(Button.class).stream()
                .filter(b -> id.equals(b.getUserData()))
                .findFirst()
                .orElseThrow());
  }

  /** Ctrl+N, the brief, Enter; returns the new research's id once its row is in the table. */
  static String triggerThroughTheWindow(FxRobot robot, ConsoleViewModel vm, String brief) {
    String before = fx(() -> vm.lastTriggeredProperty().get());
    robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> ((Node) robot.lookup("#brief").query()).isFocused())).isTrue();
    robot.write(brief);
    robot.type(KeyCode.ENTER);
    await()
        .atMost(TestEngine.WAIT)
        .until(
            () ->
                fx(
                    () -> {
                      String now = vm.lastTriggeredProperty().get();
                      return now != null && !now.equals(before);
                    }));
    String id = fx(() -> vm.lastTriggeredProperty().get());
    await().atMost(TestEngine.WAIT).until(() -> fx(() -> vm.row(id) != null));
    return id;
  }
}
