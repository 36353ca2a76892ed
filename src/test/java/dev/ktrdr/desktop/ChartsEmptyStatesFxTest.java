package dev.ktrdr.desktop;

import static dev.ktrdr.desktop.ConsoleFixture.fx;
import static dev.ktrdr.desktop.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.CancelSource;
import dev.ktrdr.desktop.detail.ResultCharts;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Charts tab while training is held open, and after the research is cancelled there. */
@ExtendWith(ApplicationExtension.class)
class ChartsEmptyStatesFxTest {
  private static final String BRIEF = "Held in training";
  private final PhaseGates gates = new PhaseGates().hold(BRIEF, Phase.TRAINING);
  private ConsoleFixture c;

  @Start
  void start(Stage stage) throws Exception {
    c = ConsoleFixture.open(stage, gates);
  }

  @AfterEach
  void stop() throws Exception {
    c.close();
  }

  private String text(String id) {
    return fx(() -> ((Label) c.view().root().lookup(id)).getText());
  }

  private boolean visible(String id) {
    return fx(() -> c.view().root().lookup(id).isVisible());
  }

  @Test
  void aRunningPhaseSaysSoAndACancelledResearchSaysWhyThereIsNothing() {
    String id = c.trigger(BRIEF);
    gates.awaitHeld(BRIEF, Phase.TRAINING);
    OperationRow row = c.awaitShown(id);
    onFx(() -> c.view().table().getSelectionModel().select(row));
    onFx(() -> DatasetsAndChartsFxTest.select(c, "Charts"));
    ResultCharts charts = fx(() -> c.view().detailPane().chartsView());

    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> c.view().root().lookup("#lossEmpty") != null));
    await().atMost(TestEngine.WAIT).until(() -> text("#lossEmpty").startsWith("Running ("));
    assertThat(visible("#lossEmpty")).isTrue();
    assertThat(visible("#lossChart")).isFalse();
    assertThat(text("#equityEmpty")).isEqualTo("No equity curve: the backtest has not run.");
    assertThat(fx(() -> charts.lossChart().getData())).isEmpty();

    c.engine.agent().cancel(id, null, CancelSource.DESKTOP);
    c.engine.awaitStatus(id, OperationStatus.CANCELLED);
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> text("#lossEmpty").equals("None: the research was cancelled."));
    assertThat(text("#equityEmpty")).isEqualTo("None: the research was cancelled.");
    assertThat(fx(() -> charts.tradesTable().getItems())).isEmpty();
  }
}
