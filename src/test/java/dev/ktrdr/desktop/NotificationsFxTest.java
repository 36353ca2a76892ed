package dev.ktrdr.desktop;

import static dev.ktrdr.desktop.ConsoleFixture.fx;
import static dev.ktrdr.desktop.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.desktop.shell.WindowState;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 8, item 6: under load the pop-ups were a pile of 4–6 over the table's Cancel buttons. Now
 * one card at a time, summing up, over the log pane; and muted from the View menu, remembered.
 */
@ExtendWith(ApplicationExtension.class)
class NotificationsFxTest {
  private ConsoleFixture c;
  private int next;

  @Start
  void start(Stage stage) throws Exception {
    c = ConsoleFixture.open(stage, new PhaseGates().holdEvery(Phase.DESIGNING));
  }

  @AfterEach
  void stop() throws Exception {
    c.close();
  }

  /** {@code n} researches ending at once, as the engine would publish it. */
  private List<OperationEvent> ended(int n) {
    List<OperationEvent> out = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < n; i++) {
      String id = String.format("op_agent_research_20261128_100000_%08x", next++);
      Operation op =
          new Operation(
              id,
              null,
              OperationType.AGENT_RESEARCH,
              OperationStatus.COMPLETED,
              now,
              now,
              now,
              100,
              "Complete",
              Map.of("phase", "assessing", "strategy_name", "s" + i),
              null,
              null);
      out.add(
          new OperationEvent(
              now,
              id,
              OperationType.AGENT_RESEARCH,
              null,
              OperationEvent.Kind.STATUS,
              OperationStatus.RUNNING,
              OperationStatus.COMPLETED,
              "completed",
              op));
    }
    return out;
  }

  private int toastsOnScreen(FxRobot robot) {
    return fx(() -> robot.lookup("#toast").queryAll().size());
  }

  @Test
  void aBurstIsOneCardOffTheTableThenASummary(FxRobot robot) {
    onFx(() -> c.vm().applyEvents(ended(1)));
    onFx(() -> c.vm().applyEvents(ended(40)));
    onFx(() -> c.vm().applyEvents(ended(40)));
    assertThat(toastsOnScreen(robot)).isEqualTo(1);
    assertThat(fx(() -> c.view().toasts().shownCount())).isEqualTo(1);
    Bounds toast = fx(() -> bounds(robot.lookup("#toast").query()));
    Bounds table = fx(() -> bounds(c.view().table()));
    assertThat(toast.intersects(table)).as("the card is not over the table").isFalse();

    // The rest come as one summary once the period is over (the window ticks each second).
    await().atMost(TestEngine.WAIT).until(() -> fx(() -> c.view().toasts().shownCount()) == 2);
    assertThat(toastsOnScreen(robot)).isEqualTo(1);
    assertThat(fx(() -> robot.lookup(".toast-title").queryLabeled().getText()))
        .isEqualTo("80 researches ended");
  }

  @Test
  void mutedFromTheViewMenuNothingPopsUpAndItIsRemembered(FxRobot robot) {
    robot.clickOn("_View".replace("_", "")).clickOn("Pop-up notifications");
    assertThat(fx(() -> c.view().toasts().mutedProperty().get())).isTrue();
    onFx(() -> c.vm().applyEvents(ended(5)));
    assertThat(toastsOnScreen(robot)).isZero();
    assertThat(fx(() -> c.view().toasts().shownCount())).isZero();
    onFx(() -> c.window.saveState());
    assertThat(WindowState.beside(c.db).getBoolean("notifications.muted", false)).isTrue();
    ConsoleWindow again =
        fx(() -> ConsoleWindow.open(new Stage(), c.engine.agent(), c.engine.ops(), c.db, () -> {}));
    try {
      assertThat(fx(() -> again.view().toasts().mutedProperty().get())).isTrue();
      CheckMenuItem item = fx(() -> (CheckMenuItem) again.view().menuItem("menu-popups"));
      assertThat(fx(item::isSelected)).isFalse();
    } finally {
      onFx(() -> again.stage().close());
    }
  }

  private static Bounds bounds(Node n) {
    return n.localToScene(n.getBoundsInLocal());
  }
}
