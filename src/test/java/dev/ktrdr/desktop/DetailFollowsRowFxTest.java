package dev.ktrdr.desktop;

import static dev.ktrdr.desktop.ConsoleFixture.fx;
import static dev.ktrdr.desktop.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 8, item 7: the detail pane said "designing 5 %" while its row said training 20 %. Both are
 * now fed by the same batch of events: after any batch they agree, with no database read between.
 */
@ExtendWith(ApplicationExtension.class)
class DetailFollowsRowFxTest {
  private ConsoleFixture c;

  @Start
  void start(Stage stage) throws Exception {
    c = ConsoleFixture.open(stage, new PhaseGates().holdEvery(Phase.DESIGNING));
  }

  @AfterEach
  void stop() throws Exception {
    c.close();
  }

  private static OperationEvent parameters(Operation before, String phase, double progress) {
    Map<String, Object> p = new LinkedHashMap<>(before.parameters());
    p.put("phase", phase);
    p.put("training_op_id", "op_training_20261128_100000_0badc0de");
    Operation after =
        new Operation(
            before.operationId(),
            null,
            before.operationType(),
            before.status(),
            before.createdAt(),
            before.startedAt(),
            null,
            progress,
            "Training model...",
            p,
            null,
            null,
            null,
            before.version() + 1); // the engine's next committed change
    return new OperationEvent(
        Instant.now(),
        after.operationId(),
        after.operationType(),
        null,
        OperationEvent.Kind.PARAMETERS,
        null,
        null,
        "parameters: phase, training_op_id",
        after);
  }

  private String field(FxRobot robot, String id) {
    return fx(() -> robot.lookup("#" + id).queryAs(Label.class).getText());
  }

  @Test
  void theDetailShowsWhatTheRowShowsInTheSameBatch(FxRobot robot) {
    String id = c.trigger("Follow me");
    OperationRow row = c.awaitShown(id);
    onFx(
        () -> {
          c.view().table().getSelectionModel().select(row);
        });
    org.awaitility.Awaitility.await()
        .atMost(TestEngine.WAIT)
        .until(() -> "designing".equals(field(robot, "field-phase")));
    // One batch moves the research on; within that FX turn the row and the detail agree.
    String[] seen =
        fx(
            () -> {
              Operation now = row.operation();
              c.vm().applyEvents(List.of(parameters(now, "training", 20)));
              return new String[] {
                row.phaseProperty().get(),
                ((Label) robot.lookup("#field-phase").query()).getText(),
                ((Label) robot.lookup("#field-progress").query()).getText()
              };
            });
    assertThat(seen[0]).isEqualTo("training");
    assertThat(seen[1]).as("detail phase").isEqualTo(seen[0]);
    assertThat(seen[2]).isEqualTo("20%");
    assertThat(field(robot, "detailTitle")).isEqualTo(id);
  }
}
