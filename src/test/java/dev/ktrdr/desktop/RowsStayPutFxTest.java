package dev.ktrdr.desktop;

import static dev.ktrdr.desktop.ConsoleFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 8, item 1: a row's Cancel must act on the research the user aimed at, while new researches
 * keep arriving. Before the fix every arrival pushed the rows down, and the click landed on
 * whatever had slid under the pointer.
 */
@ExtendWith(ApplicationExtension.class)
class RowsStayPutFxTest {
  private ConsoleFixture c;

  @Start
  void start(Stage stage) throws Exception {
    c = ConsoleFixture.open(stage, new PhaseGates().holdEvery(Phase.DESIGNING));
  }

  @AfterEach
  void stop() throws Exception {
    c.close();
  }

  private Button cancelButtonOf(FxRobot robot, String id) {
    c.awaitShown(id);
    return WindowSteps.cancelButtonOf(robot, id);
  }

  /** The research of the table row under the mouse pointer right now. */
  private String rowUnderPointer(FxRobot robot) {
    Point2D p = robot.robotContext().getBaseRobot().retrieveMouse();
    return fx(
        () -> {
          for (TableRow<?> r : robot.lookup(".table-row-cell").queryAllAs(TableRow.class)) {
            if (r.isVisible()
                && r.getItem() instanceof OperationRow
                && r.localToScreen(r.getBoundsInLocal()).contains(p)) {
              return ((OperationRow) r.getItem()).id();
            }
          }
          return null;
        });
  }

  private List<String> shownIds() {
    return fx(() -> c.view().table().getItems().stream().map(OperationRow::id).toList());
  }

  @Test
  void theRowUnderThePointerStaysAndItsCancelCancelsThatResearch(FxRobot robot) {
    String a = c.trigger("A");
    String b = c.trigger("B");
    String d = c.trigger("C");
    Button cancelB = cancelButtonOf(robot, b);
    c.awaitShown(a);
    c.awaitShown(d);
    List<String> before = shownIds();

    robot.moveTo(cancelB);
    assertThat(rowUnderPointer(robot)).isEqualTo(b);
    // Researches arrive while the user aims (one a second in the report; here three at once).
    String n1 = c.trigger("new 1");
    String n2 = c.trigger("new 2");
    String n3 = c.trigger("new 3");
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> c.vm().table().pendingCountProperty().get() == 3));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(rowUnderPointer(robot)).as("the row under the pointer").isEqualTo(b);
    assertThat(shownIds()).as("no shown row moved").isEqualTo(before);
    assertThat(fx(() -> robot.lookup("#showNew").queryButton().getText())).isEqualTo("▲ 3 new");

    robot.clickOn(MouseButton.PRIMARY); // where the pointer is: B's Cancel
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> robot.lookup("#confirmCancel").tryQuery().isPresent()));
    DialogPane confirm = robot.lookup("#confirmCancel").queryAs(DialogPane.class);
    String shortB = b.substring(b.lastIndexOf('_') + 1);
    assertThat(fx(confirm::getHeaderText)).isEqualTo("Cancel research " + shortB + "?");
    assertThat(fx(confirm::getContentText)).contains(b);
    robot.type(KeyCode.ENTER); // Enter confirms
    c.engine.awaitStatus(b, OperationStatus.CANCELLED);
    assertThat(c.gates.gate("B", Phase.DESIGNING).awaitExit()).isTrue();
    assertThat(c.gates.gate("B", Phase.DESIGNING).sawCancel()).isTrue();
    // Every other research is still in its held design, untouched.
    for (String brief : List.of("A", "C", "new 1", "new 2", "new 3")) {
      assertThat(c.gates.awaitHeld(brief, Phase.DESIGNING).isHeld()).as(brief).isTrue();
    }
    for (String other : List.of(a, d, n1, n2, n3)) {
      assertThat(c.engine.status(other)).as(other).isEqualTo(OperationStatus.RUNNING);
    }

    robot.moveTo("#message"); // the pointer leaves the table: the new ones show, on top
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> c.vm().table().pendingCountProperty().get() == 0));
    assertThat(shownIds().subList(0, 3)).containsExactly(n3, n2, n1);
  }

  @Test
  void aSelectedRowKeepsItsPlaceAndNNewRevealsTheArrivals(FxRobot robot) {
    String a = c.trigger("A");
    String b = c.trigger("B");
    c.awaitShown(a);
    c.awaitShown(b);
    robot.clickOn("#message"); // the window takes the keys
    robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL); // the table
    robot.type(KeyCode.J); // the second row: A
    assertThat(fx(() -> c.view().table().getSelectionModel().getSelectedItem().id())).isEqualTo(a);
    int index = fx(() -> c.view().table().getSelectionModel().getSelectedIndex());

    String n1 = c.trigger("new 1");
    String n2 = c.trigger("new 2");
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> c.vm().table().pendingCountProperty().get() == 2));
    assertThat(fx(() -> c.view().table().getSelectionModel().getSelectedIndex())).isEqualTo(index);
    assertThat(fx(() -> c.view().table().getItems().get(index).id())).isEqualTo(a);

    robot.clickOn("#showNew");
    await().atMost(TestEngine.WAIT).until(() -> shownIds().containsAll(List.of(n1, n2)));
    assertThat(shownIds().subList(0, 2)).containsExactly(n2, n1);
    assertThat(fx(() -> c.view().table().getSelectionModel().getSelectedItem().id()))
        .as("the selection follows its research")
        .isEqualTo(a);
    // Delete acts on the selected research, with the same confirmation as the row's button.
    robot.clickOn(fx(() -> c.view().table())).moveTo("#message");
    onSelect(a);
    robot.type(KeyCode.DELETE);
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> robot.lookup("#confirmCancel").tryQuery().isPresent()));
    String shortA = a.substring(a.lastIndexOf('_') + 1);
    assertThat(fx(() -> robot.lookup("#confirmCancel").queryAs(DialogPane.class).getHeaderText()))
        .isEqualTo("Cancel research " + shortA + "?");
    robot.clickOn("Keep running");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(c.engine.status(a)).isEqualTo(OperationStatus.RUNNING);
    assertThat(c.gates.awaitHeld("A", Phase.DESIGNING).isHeld()).isTrue();
  }

  private void onSelect(String id) {
    ConsoleFixture.onFx(
        () -> {
          var t = c.view().table();
          t.getSelectionModel().clearSelection();
          t.getItems().stream()
              .filter(r -> r.id().equals(id))
              .findFirst()
              .ifPresent(r -> t.getSelectionModel().select(r));
          t.requestFocus();
        });
  }

  /**
   * Seen under GTK (Xvfb): a click on a row's progress bar did not select the row. Monocle delivers
   * that press to the cell either way, so here this guards the behaviour rather than reproducing
   * the defect; the Xvfb session of assets/screenshot-demo.sh did.
   */
  @Test
  void aClickOnTheProgressBarSelectsItsRow(FxRobot robot) {
    String a = c.trigger("A");
    c.awaitShown(a);
    javafx.scene.Node bar =
        fx(
            () ->
                robot.lookup(".row-progress").queryAll().stream()
                    .filter(n -> rowOf(n) != null && a.equals(rowOf(n).id()))
                    .findFirst()
                    .orElseThrow());
    robot.clickOn(bar);
    assertThat(fx(() -> c.view().table().getSelectionModel().getSelectedItem().id())).isEqualTo(a);
  }

  private static OperationRow rowOf(javafx.scene.Node n) {
    for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
      if (p instanceof TableRow && ((TableRow<?>) p).getItem() instanceof OperationRow) {
        return (OperationRow) ((TableRow<?>) p).getItem();
      }
    }
    return null;
  }
}
