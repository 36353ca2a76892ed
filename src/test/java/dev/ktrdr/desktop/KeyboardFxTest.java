package dev.ktrdr.desktop;

import static dev.ktrdr.desktop.ConsoleFixture.fx;
import static dev.ktrdr.desktop.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.desktop.log.LogExporter;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 8, items 8 and 9: the keyboard paths and the small things that said the wrong thing. */
@ExtendWith(ApplicationExtension.class)
class KeyboardFxTest {
  private ConsoleFixture c;

  /** What the stand-in file chooser was asked. */
  private record Asked(Path folder, String name, LogExporter.Format format) {}

  private final List<Asked> asked = new ArrayList<>();

  @Start
  void start(Stage stage) throws Exception {
    c = ConsoleFixture.open(stage, new PhaseGates().holdEvery(Phase.DESIGNING));
  }

  @AfterEach
  void stop() throws Exception {
    c.close();
  }

  private Node focused() {
    return fx(() -> c.window.stage().getScene().getFocusOwner());
  }

  private String selectedId() {
    return fx(
        () -> {
          OperationRow r = c.view().table().getSelectionModel().getSelectedItem();
          return r == null ? null : r.id();
        });
  }

  /** A research that is over, straight through the service. */
  private String completedResearch() {
    String id =
        c.engine
            .ops()
            .create(OperationType.AGENT_RESEARCH, null, Map.of("phase", "assessing"))
            .operationId();
    c.engine.ops().start(id);
    c.engine.ops().complete(id, Map.of("success", true));
    return id;
  }

  @Test
  void ctrlTGoesToTheTableJAndKMoveSlashFiltersEscClears(FxRobot robot) {
    String a = c.trigger("Alpha");
    String b = c.trigger("Beta");
    c.awaitShown(a);
    c.awaitShown(b);
    robot.clickOn("#message"); // the window takes the keys
    robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
    assertThat(focused()).isSameAs(fx(() -> c.view().table()));
    assertThat(selectedId()).isEqualTo(b); // newest first
    robot.type(KeyCode.J);
    assertThat(selectedId()).isEqualTo(a);
    robot.type(KeyCode.K);
    assertThat(selectedId()).isEqualTo(b);

    robot.type(KeyCode.SLASH);
    assertThat(focused()).isSameAs(fx(() -> robot.lookup("#filter").query()));
    robot.write("alpha");
    assertThat(fx(() -> c.view().table().getItems().size())).isEqualTo(1);
    robot.type(KeyCode.ESCAPE);
    assertThat(fx(() -> c.vm().filterTextProperty().get())).isEmpty();
    assertThat(fx(() -> c.view().table().getItems().size())).isEqualTo(2);
    assertThat(focused()).isSameAs(fx(() -> c.view().table()));
    // j typed in the brief is a letter, not a move
    robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
    String before = selectedId();
    robot.write("jk/");
    assertThat(fx(() -> robot.lookup("#brief").queryTextInputControl().getText())).isEqualTo("jk/");
    assertThat(selectedId()).isEqualTo(before);
  }

  @Test
  void cancelSelectedIsDisabledWithNothingToCancelAndDeleteOnAFinishedOneSaysSoAtOnce(
      FxRobot robot) {
    String done = completedResearch();
    OperationRow row = c.awaitShown(done);
    assertThat(fx(() -> robot.lookup("#cancelSelected").queryButton().isDisabled())).isTrue();
    assertThat(fx(() -> row.phaseProperty().get())).isEqualTo("done");
    robot.clickOn("#message");
    robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
    assertThat(selectedId()).isEqualTo(done);
    assertThat(fx(() -> robot.lookup("#cancelSelected").queryButton().isDisabled()))
        .as("a completed research cannot be cancelled")
        .isTrue();
    robot.type(KeyCode.DELETE);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#confirmCancel").tryQuery()).as("no question first").isEmpty();
    assertThat(fx(() -> c.vm().messageProperty().get()))
        .isEqualTo(row.shortId() + " already completed: there is nothing to cancel.");
    // The ID column shows the unique hash; the full id is on hover and in the detail header.
    String idCell =
        fx(
            () ->
                robot.lookup(".mono-cell").queryAllAs(TableCell.class).stream()
                    .filter(cell -> done.endsWith("_" + cell.getText()))
                    .findFirst()
                    .map(TableCell::getText)
                    .orElse(null));
    assertThat(idCell).isEqualTo(row.shortId()).hasSize(8);
    assertThat(fx(() -> robot.lookup("#detailTitle").queryLabeled().getText())).isEqualTo(done);
  }

  @Test
  void enterOnTheExportDialogsRadioButtonsGoesOnAndTheChooserStartsAtHomeWithADatedName(
      FxRobot robot) throws Exception {
    c.trigger("Exported");
    Path out = c.dir.resolve("picked.csv");
    onFx(
        () ->
            c.view()
                .setFilePicker(
                    (owner, folder, name, format) -> {
                      asked.add(new Asked(folder, name, format));
                      return Optional.of(out);
                    }));
    Platform.runLater(() -> c.view().perform(dev.ktrdr.desktop.shell.Shortcut.EXPORT_LOGS));
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> robot.lookup("#exportOptions").tryQuery().isPresent()));
    robot.clickOn("#exportCsv");
    robot.type(KeyCode.ENTER);
    await().atMost(TestEngine.WAIT).until(() -> Files.exists(out) && !asked.isEmpty());
    Asked first = asked.get(0);
    assertThat(first.format()).isEqualTo(LogExporter.Format.CSV);
    assertThat(first.folder()).isEqualTo(Path.of(System.getProperty("user.home")));
    assertThat(first.name()).matches("ktrdr-events-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.csv");
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> c.vm().messageProperty().get().startsWith("Exported ")));

    // The next export starts in the folder used last.
    Platform.runLater(() -> c.view().perform(dev.ktrdr.desktop.shell.Shortcut.EXPORT_LOGS));
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> robot.lookup("#exportOptions").tryQuery().isPresent()));
    robot.type(KeyCode.ENTER);
    await().atMost(TestEngine.WAIT).until(() -> asked.size() == 2);
    assertThat(asked.get(1).folder()).isEqualTo(c.dir.toAbsolutePath());
    assertThat(asked.get(1).format()).isEqualTo(LogExporter.Format.JSON_LINES);
  }

  @Test
  void theHelpListsTheNewKeys(FxRobot robot) {
    robot.clickOn("#message"); // the window takes the keys
    robot.type(KeyCode.F1);
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> robot.lookup("#help").tryQuery().isPresent()));
    List<String> keys =
        fx(
            () ->
                robot
                    .lookup("#help")
                    .lookup(".kbd")
                    .queryAllAs(javafx.scene.control.Label.class)
                    .stream()
                    .map(javafx.scene.control.Label::getText)
                    .toList());
    assertThat(keys).contains("/", "J", "K", "Escape", "Ctrl+T", "Ctrl+R", "Delete");
    robot.clickOn(fx(() -> robot.lookup("#help").lookup(".button").queryAs(Button.class)));
  }
}
