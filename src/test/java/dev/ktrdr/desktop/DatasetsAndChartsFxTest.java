package dev.ktrdr.desktop;

import static dev.ktrdr.desktop.ConsoleFixture.fx;
import static dev.ktrdr.desktop.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.desktop.data.DatasetChoice;
import dev.ktrdr.desktop.detail.ResultCharts;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.research.data.BundledDatasets;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.SearchableComboBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window's datasets and results on a real engine (local workers, the rule-based designer, the
 * smallest bundled dataset): the trigger bar's picker, File → Import, and the Charts tab of a
 * finished research.
 */
@ExtendWith(ApplicationExtension.class)
class DatasetsAndChartsFxTest {
  private ConsoleFixture c;

  @Start
  void start(Stage stage) throws Exception {
    c = ConsoleFixture.open(stage, TestEngine.realSettings().withMaxConcurrentResearches(10));
  }

  @AfterEach
  void stop() throws Exception {
    c.close();
  }

  @SuppressWarnings("unchecked")
  private SearchableComboBox<DatasetChoice> picker(FxRobot robot) {
    return (SearchableComboBox<DatasetChoice>) robot.lookup("#dataset").query();
  }

  private DatasetChoice awaitChoice(FxRobot robot, String id) {
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> picker(robot).getItems().stream().anyMatch(d -> id.equals(d.id()))));
    return fx(
        () -> picker(robot).getItems().stream().filter(d -> id.equals(d.id())).findFirst().get());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aResearchTriggeredOnAPickedDatasetShowsItsSpecLossEquityAndTrades(FxRobot robot) {
    // The picker offers "chosen by the design" first, then the bundled datasets.
    DatasetChoice aapl = awaitChoice(robot, BundledDatasets.AAPL_1D);
    assertThat(fx(() -> picker(robot).getValue())).isEqualTo(DatasetChoice.BY_DESIGN);
    assertThat(fx(() -> picker(robot).getItems().get(0))).isEqualTo(DatasetChoice.BY_DESIGN);

    onFx(() -> picker(robot).setValue(aapl));
    robot.clickOn("#brief").write("RSI mean reversion");
    onFx(
        () ->
            ((javafx.scene.control.CheckBox) c.view().root().lookup("#bypassGates"))
                .setSelected(true));
    robot.clickOn("#trigger");
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> c.vm().lastTriggeredProperty().get()) != null);
    String id = fx(() -> c.vm().lastTriggeredProperty().get());
    c.engine.awaitStatus(id, OperationStatus.COMPLETED);
    Operation r = c.engine.get(id);
    assertThat(r.param("dataset_id")).isEqualTo(BundledDatasets.AAPL_1D);

    OperationRow row = c.awaitShown(id);
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> row.status() == OperationStatus.COMPLETED));
    onFx(() -> c.view().table().getSelectionModel().select(row));
    onFx(() -> select(c, "Charts"));

    Map<String, Object> training =
        c.engine.get(c.engine.childOf(id, Phase.TRAINING)).resultSummary();
    Map<String, Object> backtest =
        c.engine.get(c.engine.childOf(id, Phase.BACKTESTING)).resultSummary();
    List<Object> loss = (List<Object>) training.get("loss_curve");
    List<Object> equity = (List<Object>) backtest.get("equity_curve");
    List<Object> trades = (List<Object>) backtest.get("trades");
    ResultCharts charts = fx(() -> c.view().detailPane().chartsView());
    await()
        .atMost(TestEngine.WAIT)
        .until(
            () ->
                fx(
                    () ->
                        charts.lossChart().getData().size() == 1
                            && charts.equityChart().getData().size() == 2));
    assertThat(fx(() -> charts.lossChart().getData().get(0).getData().size()))
        .isEqualTo(loss.size());
    assertThat(fx(() -> charts.equityChart().getData().get(0).getName())).isEqualTo("strategy");
    assertThat(fx(() -> charts.equityChart().getData().get(1).getName())).isEqualTo("buy-and-hold");
    assertThat(fx(() -> charts.equityChart().getData().get(1).getData().size()))
        .isEqualTo(equity.size());
    Map<String, Object> last = (Map<String, Object>) equity.get(equity.size() - 1);
    assertThat(
            fx(
                () -> {
                  var pts = charts.equityChart().getData().get(0).getData();
                  return pts.get(pts.size() - 1).getYValue().doubleValue();
                }))
        .isEqualTo(((Number) last.get("equity")).doubleValue());
    assertThat(fx(() -> charts.tradesTable().getItems().size())).isEqualTo(trades.size());
    assertThat(fx(() -> ((TextArea) c.view().root().lookup("#chartsSpec")).getText()))
        .contains("dataset: " + BundledDatasets.AAPL_1D)
        .contains("indicators:")
        .contains("seed: ");
    assertThat(fx(() -> c.view().root().lookup("#chartsSpec").isVisible())).isTrue();
    assertThat(fx(() -> c.view().root().lookup("#lossEmpty").isVisible())).isFalse();
    assertThat(fx(() -> charts.lossChart().getAnimated())).isFalse();
  }

  @Test
  void importingAFileAddsItToThePickerAndReportsWhatWasFound(FxRobot robot) throws Exception {
    awaitChoice(robot, BundledDatasets.AAPL_1D);
    Path csv = c.dir.resolve("acme.csv");
    // A duplicate day and a non-positive price: imported, and both reported.
    Files.writeString(
        csv,
        "Date,Open,High,Low,Close,Volume\n"
            + "2024-01-02,10,11,9,10.5,100\n"
            + "2024-01-03,10.5,12,10,11,200\n"
            + "2024-01-03,10.5,12,10,11,200\n"
            + "2024-01-04,11,12,0,-1,300\n"
            + "2024-01-05,11,12,10,11.5,300\n");
    onFx(() -> c.view().importDataset(csv));
    DialogPane dialog = awaitDialog(robot, "#importDialog");
    assertThat(fx(() -> ((TextField) dialog.lookup("#importSymbol")).getText())).isEqualTo("ACME");
    onFx(() -> ((TextField) dialog.lookup("#importTimeframe")).setText("1d"));
    onFx(() -> ((Button) dialog.lookupButton(ButtonType.OK)).fire());

    DialogPane done = awaitDialog(robot, "#importDone");
    String report = fx(() -> ((TextArea) done.lookup("#importReport")).getText());
    assertThat(report).contains("duplicate").contains("zero or less");
    assertThat(fx(done::getHeaderText)).contains("acme-1d");
    awaitChoice(robot, "acme-1d");
    assertThat(c.engine.runtime().data().list()).anyMatch(d -> d.id().equals("acme-1d"));
    onFx(() -> ((Button) done.lookupButton(ButtonType.OK)).fire());
  }

  @Test
  void aBadFileNamesTheLineAndImportsNothing(FxRobot robot) throws Exception {
    awaitChoice(robot, BundledDatasets.AAPL_1D);
    int before = fx(() -> picker(robot).getItems().size());
    Path csv = c.dir.resolve("broken.csv");
    Files.writeString(
        csv,
        "date,open,high,low,close,volume\n"
            + "2024-01-02,10,11,9,10.5,100\n"
            + "2024-01-03,10.5,12,10,abc,200\n");
    onFx(() -> c.view().importDataset(csv));
    DialogPane dialog = awaitDialog(robot, "#importDialog");
    onFx(() -> ((Button) dialog.lookupButton(ButtonType.OK)).fire());

    DialogPane failed = awaitDialog(robot, "#importFailed");
    String text = fx(() -> ((TextArea) failed.lookup("#importReport")).getText());
    assertThat(text).contains("line 3");
    assertThat(c.engine.runtime().data().list()).noneMatch(d -> d.id().startsWith("broken"));
    assertThat(fx(() -> picker(robot).getItems().size())).isEqualTo(before);
    assertThat(fx(() -> ((Label) c.view().root().lookup("#message")).getText()))
        .startsWith("Import failed");
    onFx(() -> ((Button) failed.lookupButton(ButtonType.OK)).fire());
  }

  static void select(ConsoleFixture c, String tab) {
    var tabs = c.view().detailPane().tabs();
    tabs.getSelectionModel()
        .select(tabs.getTabs().stream().filter(t -> t.getText().equals(tab)).findFirst().get());
  }

  private static DialogPane awaitDialog(FxRobot robot, String id) {
    await()
        .atMost(TestEngine.WAIT)
        .until(
            () ->
                fx(
                    () ->
                        Window.getWindows().stream()
                            .anyMatch(
                                w -> w.getScene() != null && w.getScene().lookup(id) != null)));
    return fx(
        () ->
            (DialogPane)
                Window.getWindows().stream()
                    .filter(w -> w.getScene() != null && w.getScene().lookup(id) != null)
                    .findFirst()
                    .get()
                    .getScene()
                    .lookup(id));
  }
}
