package dev.ktrdr.desktop;

import static dev.ktrdr.desktop.ConsoleFixture.fx;
import static dev.ktrdr.desktop.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.desktop.detail.Timeline;
import dev.ktrdr.desktop.lanes.LanesModel;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.TestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The selected research's phases over time, and its children on the lanes of their workers. */
@ExtendWith(ApplicationExtension.class)
class TimelineAndLanesFxTest {
  private ConsoleFixture c;

  @Start
  void start(Stage stage) throws Exception {
    c = ConsoleFixture.open(stage, Duration.ofMillis(400));
  }

  @AfterEach
  void stop() throws Exception {
    c.close();
  }

  @Test
  void aFinishedResearchShowsFourPhasesAndItsTwoWorkerBars(FxRobot robot) {
    String id = c.trigger("Timeline");
    c.engine.awaitStatus(id, OperationStatus.COMPLETED);
    OperationRow row = c.awaitShown(id);
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> row.status() == OperationStatus.COMPLETED));
    onFx(() -> c.view().table().getSelectionModel().select(row));
    onFx(() -> c.view().detailPane().tabs().getSelectionModel().select(1)); // Timeline
    await()
        .atMost(TestEngine.WAIT)
        .until(
            () ->
                fx(
                    () -> {
                      Timeline t = c.view().detailPane().timelineView().timeline();
                      return t != null
                          && t.segments().stream().filter(s -> !s.waiting()).count() == 4;
                    }));
    Timeline t = fx(() -> c.view().detailPane().timelineView().timeline());
    assertThat(t.segments().stream().filter(s -> !s.waiting()).map(Timeline.Segment::lane))
        .containsExactly(Phase.DESIGNING, Phase.TRAINING, Phase.BACKTESTING, Phase.ASSESSING);
    assertThat(t.segments()).allMatch(s -> s.waiting() || s.status() == OperationStatus.COMPLETED);

    onFx(() -> c.view().bottomTabs().getSelectionModel().select(1)); // Worker lanes
    await().atMost(TestEngine.WAIT).until(() -> fx(() -> barsOf(id).size()) == 2);
    Set<String> workers =
        fx(
            () ->
                c.engine.agent().workers().stream()
                    .map(w -> w.workerId())
                    .collect(Collectors.toSet()));
    LanesModel.Layout l = fx(() -> c.vm().lanes().layout(Instant.now()));
    assertThat(l.lanes())
        .extracting(LanesModel.Lane::workerId)
        .containsExactlyInAnyOrderElementsOf(workers);
  }

  private List<LanesModel.Bar> barsOf(String researchId) {
    return c.vm().lanes().layout(Instant.now()).bars().values().stream()
        .flatMap(List::stream)
        .filter(b -> researchId.equals(b.researchId()))
        .toList();
  }
}
