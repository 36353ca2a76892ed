package dev.ktrdr.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.desktop.log.LogExporter;
import dev.ktrdr.desktop.shell.Shortcut;
import dev.ktrdr.desktop.shell.WindowState;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The console window driven like a user would, headless through Monocle. */
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowTest {
  private Path dir;
  private Path db;

  /** Every research stays in its design until the test releases it or cancels it. */
  private final PhaseGates gates = new PhaseGates().holdEvery(Phase.DESIGNING);

  private TestEngine engine;
  private ConsoleWindow window;
  private final AtomicReference<ConsoleView.ExportChoice> nextExport = new AtomicReference<>();
  private final List<String> clipboard = new ArrayList<>();

  @Start
  void start(Stage stage) throws Exception {
    dir = Files.createTempDirectory("ktrdr-console-test");
    db = dir.resolve("k.db");
    engine = TestEngine.start(db, TestEngine.instantSettings(), gates);
    window = ConsoleWindow.open(stage, engine.agent(), engine.ops(), db, () -> {});
    window.view().setExportPrompt((owner, visible, all) -> Optional.ofNullable(nextExport.get()));
    window.view().setClipboard(clipboard::add);
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get();
    engine.close();
  }

  private <T> T fx(Callable<T> c) {
    return WindowSteps.fx(c);
  }

  private ConsoleViewModel vm() {
    return window.viewModel();
  }

  private OperationRow awaitRow(String id) {
    await().atMost(TestEngine.WAIT).until(() -> fx(() -> vm().row(id) != null));
    return fx(() -> vm().row(id));
  }

  private void awaitRowStatus(String id, OperationStatus s) {
    WindowSteps.awaitRowStatus(vm(), id, s);
  }

  private Button cancelButtonOf(FxRobot robot, String id) {
    return WindowSteps.cancelButtonOf(robot, id);
  }

  private void confirmCancel(FxRobot robot) {
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> robot.lookup("#confirmCancel").tryQuery().isPresent()));
    robot.clickOn("Cancel research");
  }

  private void select(String id) {
    fx(
        () -> {
          var table = window.view().table();
          table.getSelectionModel().clearSelection();
          table.getItems().stream()
              .filter(r -> r.id().equals(id))
              .findFirst()
              .ifPresent(r -> table.getSelectionModel().select(r));
          table.requestFocus();
          return null;
        });
  }

  private String triggerThroughTheWindow(FxRobot robot, String brief) {
    return WindowSteps.triggerThroughTheWindow(robot, vm(), brief);
  }

  @Test
  void theWindowIsTitledAndShowsTheSummary(FxRobot robot) {
    assertThat(fx(() -> window.stage().getTitle())).isEqualTo("ktrdr console");
    assertThat(fx(() -> window.stage().getIcons().size()))
        .as("window icons from assets/icons")
        .isEqualTo(7);
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> vm().capacityTextProperty().get().equals("Capacity 0/5 researches")));
  }

  @Test
  void ctrlNFocusesTheBriefAndEnterTriggers(FxRobot robot) {
    String id = triggerThroughTheWindow(robot, "Explore RSI variations");
    assertThat(engine.get(id).param("brief")).isEqualTo("Explore RSI variations");
    assertThat(fx(() -> robot.lookup("#brief").queryAs(TextField.class).getText())).isEmpty();
    // the new row is selected, so the keyboard can act on it at once
    assertThat(fx(() -> window.view().table().getSelectionModel().getSelectedItem().id()))
        .isEqualTo(id);
  }

  @Test
  void clickingARowsCancelCancelsThatResearchInServiceTableAndDatabase(FxRobot robot) {
    String a = engine.trigger("A");
    String b = engine.trigger("B");
    PhaseGates.Gate aDesign = gates.awaitHeld("A", Phase.DESIGNING);
    PhaseGates.Gate bDesign = gates.awaitHeld("B", Phase.DESIGNING);
    awaitRow(a);
    awaitRow(b);
    select(a); // the focused/selected row is A: the click must still act on B's own row
    Button cancelB = cancelButtonOf(robot, b);
    assertThat(fx(cancelB::isDisabled)).isFalse();
    robot.clickOn(cancelB);
    confirmCancel(robot); // the row's button asks, like Delete
    awaitRowStatus(b, OperationStatus.CANCELLED);
    assertThat(engine.status(b)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.get(b).param("cancelled_by")).isEqualTo("desktop");
    assertThat(bDesign.awaitExit()).isTrue();
    assertThat(bDesign.sawCancel()).isTrue();
    assertThat(engine.status(a)).isEqualTo(OperationStatus.RUNNING);
    assertThat(aDesign.isHeld()).isTrue();
    assertThat(fx(cancelB::isDisabled)).isTrue();
    Button cancelA = cancelButtonOf(robot, a);
    assertThat(fx(cancelA::isDisabled)).isFalse();
    assertThat(engine.agent().getStatus().activeResearches())
        .extracting(r -> r.operationId())
        .containsExactly(a);
  }

  @Test
  void deleteOnASelectedRowAsksThenCancels(FxRobot robot) {
    String id = engine.trigger("Delete me");
    awaitRow(id);
    select(id);
    robot.type(KeyCode.DELETE);
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> robot.lookup("#confirmCancel").tryQuery().isPresent()));
    robot.clickOn("Cancel research");
    awaitRowStatus(id, OperationStatus.CANCELLED);
    assertThat(engine.status(id)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(fx(() -> window.view().performedCount(Shortcut.CANCEL_SELECTED))).isEqualTo(1);
  }

  @Test
  void deleteAnsweredWithKeepRunningCancelsNothing(FxRobot robot) {
    String id = engine.trigger("Keep me");
    awaitRow(id);
    select(id);
    robot.type(KeyCode.DELETE);
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> robot.lookup("#confirmCancel").tryQuery().isPresent()));
    robot.clickOn("Keep running");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(engine.status(id)).isEqualTo(OperationStatus.RUNNING);
    assertThat(gates.awaitHeld("Keep me", Phase.DESIGNING).isHeld()).isTrue();
  }

  @Test
  void cancelSelectedCancelsSeveralWithOneConfirmationAndAResultPerRow(FxRobot robot) {
    String a = engine.trigger("A");
    String b = engine.trigger("B");
    awaitRow(a);
    awaitRow(b);
    fx(
        () -> {
          window.view().table().getSelectionModel().selectAll();
          return null;
        });
    robot.clickOn("#cancelSelected");
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> robot.lookup("#confirmCancel").tryQuery().isPresent()));
    robot.clickOn("Cancel researches");
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> robot.lookup("#cancelResults").tryQuery().isPresent()));
    String results =
        fx(() -> robot.lookup("#cancelResults").queryAs(DialogPane.class).getContentText());
    assertThat(results).contains("✔ " + a, "✔ " + b);
    assertThat(engine.status(a)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.status(b)).isEqualTo(OperationStatus.CANCELLED);
  }

  @Test
  void ctrlEExportsJsonLinesThatParse(FxRobot robot) throws Exception {
    String id = engine.trigger("Exported");
    awaitRow(id);
    Path file = dir.resolve("events.jsonl");
    nextExport.set(new ConsoleView.ExportChoice(file, LogExporter.Format.JSON_LINES, false));
    robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
    await()
        .atMost(TestEngine.WAIT)
        .until(
            () ->
                Files.exists(file)
                    && fx(() -> vm().messageProperty().get().startsWith("Exported ")));
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      lines.add(json.readTree(l));
    }
    assertThat(lines)
        .anyMatch(
            n ->
                n.get("operation_id").asText().equals(id)
                    && n.get("event").asText().equals("created"));
    assertThat(lines)
        .allMatch(n -> n.has("ts") && n.has("from") && n.has("to") && n.has("message"));
    assertThat(fx(() -> window.view().performedCount(Shortcut.EXPORT_LOGS))).isEqualTo(1);
  }

  @Test
  void anUnwritableExportIsAMessageAndTheConsoleCarriesOn(FxRobot robot) throws Exception {
    Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
    nextExport.set(
        new ConsoleView.ExportChoice(notADir.resolve("out.csv"), LogExporter.Format.CSV, true));
    fx(
        () -> {
          window.view().perform(Shortcut.EXPORT_LOGS);
          return null;
        });
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> robot.lookup("#exportFailed").tryQuery().isPresent()));
    assertThat(fx(() -> vm().messageProperty().get())).startsWith("Could not write ");
    robot.clickOn("OK");
    String id = triggerThroughTheWindow(robot, "Still working");
    assertThat(engine.status(id)).isEqualTo(OperationStatus.RUNNING);
  }

  @Test
  void ctrlCCopiesTheSelectedIdAndF1ListsEveryShortcut(FxRobot robot) {
    String id = engine.trigger("Copy me");
    awaitRow(id);
    select(id);
    robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(clipboard).containsExactly(id);
    robot.type(KeyCode.F1);
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> robot.lookup("#help").tryQuery().isPresent()));
    for (Shortcut s : Shortcut.values()) {
      assertThat(robot.lookup("#help").lookup(s.label()).tryQuery()).isPresent();
    }
  }

  @Test
  void ctrlFFocusesTheFilterAndTheFilterIsRememberedWithTheColumnWidths(FxRobot robot) {
    robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> ((Node) robot.lookup("#filter").query()).isFocused())).isTrue();
    robot.write("rsi");
    fx(
        () -> {
          window.view().column("col-strategy").setPrefWidth(222);
          window.stage().close();
          return null;
        });
    WindowState saved = WindowState.beside(db);
    assertThat(saved.getString("filter.text", "")).isEqualTo("rsi");
    assertThat(saved.getDouble("window.width", 0)).isGreaterThan(0);
    assertThat(saved.getDouble("column.col-strategy.width", 0)).isGreaterThan(0);
    ConsoleWindow again =
        fx(() -> ConsoleWindow.open(new Stage(), engine.agent(), engine.ops(), db, () -> {}));
    try {
      assertThat(fx(() -> again.viewModel().filterTextProperty().get())).isEqualTo("rsi");
    } finally {
      fx(
          () -> {
            again.stage().close();
            return null;
          });
    }
  }

  /** The seed scenario through the window: A, B, C; cancel B from its row; A and C complete. */
  @Test
  void seedScenarioCancelBFromTheTableWhileAAndCComplete(FxRobot robot) {
    // B trains until it is cancelled; A and C go straight through once triggered.
    for (String brief : List.of("Research A", "Research B", "Research C")) {
      gates.release(brief, Phase.DESIGNING);
    }
    gates.hold("Research B", Phase.TRAINING);
    String a = triggerThroughTheWindow(robot, "Research A");
    String b = triggerThroughTheWindow(robot, "Research B");
    String c = triggerThroughTheWindow(robot, "Research C");
    PhaseGates.Gate bTraining = gates.awaitHeld("Research B", Phase.TRAINING);
    String bChild = engine.childOf(b, Phase.TRAINING);
    assertThat(engine.workerFree(bChild)).isFalse();
    robot.clickOn(cancelButtonOf(robot, b));
    confirmCancel(robot);
    awaitRowStatus(b, OperationStatus.CANCELLED);
    assertThat(engine.status(b)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.status(bChild)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.ops().children(b)).noneMatch(Operation::isActive);
    assertThat(engine.workerFree(bChild)).isTrue();
    assertThat(bTraining.awaitExit()).isTrue();
    assertThat(bTraining.sawCancel()).isTrue();
    awaitRowStatus(a, OperationStatus.COMPLETED);
    awaitRowStatus(c, OperationStatus.COMPLETED);
    assertThat(engine.status(a)).isEqualTo(OperationStatus.COMPLETED);
    assertThat(engine.status(c)).isEqualTo(OperationStatus.COMPLETED);
    assertThat(engine.status(b)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(fx(() -> vm().log())).noneMatch(l -> "failed".equals(l.to()));
  }
}
