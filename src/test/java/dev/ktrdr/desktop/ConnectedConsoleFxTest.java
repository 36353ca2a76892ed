package dev.ktrdr.desktop;

import static dev.ktrdr.desktop.WindowSteps.awaitRowStatus;
import static dev.ktrdr.desktop.WindowSteps.cancelButtonOf;
import static dev.ktrdr.desktop.WindowSteps.fx;
import static dev.ktrdr.desktop.WindowSteps.triggerThroughTheWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.CancelSource;
import dev.ktrdr.api.ApiServer;
import dev.ktrdr.config.ApiAccess;
import dev.ktrdr.config.ApiTokens;
import dev.ktrdr.desktop.connect.RemoteBackend;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.operations.EventRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.remote.RemoteServer;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@code ktrdr console --connect URL}: the window on a real server in this process, reached only
 * over HTTP and its event stream, with tokens. No engine of the window's own: everything it shows
 * came over the wire, and its Cancel is the server's.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectedConsoleFxTest {
  static final String ALICE = "alice-token-0123456789";
  static final String BOB = "bob-token-0123456789abc";

  private final PhaseGates gates = new PhaseGates().holdEvery(Phase.DESIGNING);
  private TestEngine engine;
  private ApiServer server;
  private RemoteBackend backend;
  private ConsoleWindow window;
  private String earlier;

  @Start
  void start(Stage unused) throws Exception {
    Path dir = Files.createTempDirectory("ktrdr-connected");
    engine = TestEngine.start(dir.resolve("server.db"), TestEngine.instantSettings(), gates);
    ApiAccess access =
        ApiAccess.localOnly().withTokens(ApiTokens.parse(null, "alice:" + ALICE + ",bob:" + BOB));
    server =
        ApiServer.start(engine.agent(), engine.ops(), engine.runtime().data(), null, 0, access);
    gates.release("before the window", Phase.DESIGNING);
    earlier = engine.trigger("before the window");
    backend = new RemoteBackend(new RemoteServer(url(), ALICE), Clock.systemUTC());
    window = ConsoleWindow.openConnected(backend, dir.resolve("window.db"), () -> {});
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get();
    backend.close();
    server.close();
    engine.close();
  }

  private String url() {
    return "http://127.0.0.1:" + server.port();
  }

  private ConsoleViewModel vm() {
    return window.viewModel();
  }

  private void awaitConfirmDialog(FxRobot robot) {
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> robot.lookup("#confirmCancel").tryQuery().isPresent()));
  }

  @Test
  void theTitleNamesTheServerAndTheTableShowsWhatItAlreadyHad() {
    // A research the server had before this console opened, running on to its end meanwhile.
    awaitRowStatus(vm(), earlier, OperationStatus.COMPLETED);
    assertThat(engine.status(earlier)).isEqualTo(OperationStatus.COMPLETED);
    assertThat(fx(() -> window.stage().getTitle())).isEqualTo("ktrdr console — " + url() + "/");
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> vm().capacityTextProperty().get().startsWith("Capacity")));
  }

  /** The seed scenario over the wire: A, B, C from the window; B cancelled from its row. */
  @Test
  void cancelBFromItsRowOverTheWireWhileAAndCComplete(FxRobot robot) {
    for (String brief : new String[] {"Research A", "Research B", "Research C"}) {
      gates.release(brief, Phase.DESIGNING);
    }
    gates.hold("Research B", Phase.TRAINING);
    String a = triggerThroughTheWindow(robot, vm(), "Research A");
    String b = triggerThroughTheWindow(robot, vm(), "Research B");
    String c = triggerThroughTheWindow(robot, vm(), "Research C");
    PhaseGates.Gate bTraining = gates.awaitHeld("Research B", Phase.TRAINING);
    String bChild = engine.childOf(b, Phase.TRAINING);
    // The window learns of B's running child from the stream alone.
    await()
        .atMost(TestEngine.WAIT)
        .until(() -> fx(() -> bChild.equals(vm().row(b).operation().param("training_op_id"))));

    robot.clickOn(cancelButtonOf(robot, b));
    awaitConfirmDialog(robot);
    robot.clickOn("Cancel research");

    awaitRowStatus(vm(), b, OperationStatus.CANCELLED);
    assertThat(engine.status(b)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.status(bChild)).isEqualTo(OperationStatus.CANCELLED);
    assertThat(engine.ops().children(b)).noneMatch(Operation::isActive);
    assertThat(engine.workerFree(bChild)).isTrue();
    assertThat(bTraining.awaitExit()).isTrue();
    assertThat(bTraining.sawCancel()).isTrue();
    // Who cancelled comes from the token the console sent, not from anything it claims.
    assertThat(engine.get(b).param("cancelled_by")).isEqualTo("alice");
    awaitRowStatus(vm(), a, OperationStatus.COMPLETED);
    awaitRowStatus(vm(), c, OperationStatus.COMPLETED);
    assertThat(engine.status(b)).isEqualTo(OperationStatus.CANCELLED);
  }

  /** Another console wins while this one's confirmation is open: this one is told why. */
  @Test
  void aCancelThatLosesToAnotherConsoleSaysWhy(FxRobot robot) {
    String id = engine.trigger("contested");
    gates.awaitHeld("contested", Phase.DESIGNING);
    robot.clickOn(cancelButtonOf(robot, id));
    awaitConfirmDialog(robot);

    RemoteBackend bob = new RemoteBackend(new RemoteServer(url(), BOB), Clock.systemUTC());
    assertThat(bob.cancel(id, CancelSource.DESKTOP).success()).isTrue();
    robot.clickOn("Cancel research");

    await()
        .atMost(TestEngine.WAIT)
        .until(
            () ->
                fx(
                    () ->
                        "Cancel refused: Cannot cancel cancelled operation"
                            .equals(vm().row(id).noteProperty().get())));
    awaitRowStatus(vm(), id, OperationStatus.CANCELLED);
    assertThat(engine.get(id).param("cancelled_by")).isEqualTo("bob");
  }

  /** The detail's log is read from the server's log route, then follows the stream. */
  @Test
  void theDetailShowsTheResearchLogFromTheServer(FxRobot robot) {
    String id = engine.trigger("logged");
    gates.awaitHeld("logged", Phase.DESIGNING);
    await().atMost(TestEngine.WAIT).until(() -> fx(() -> vm().row(id) != null));
    fx(
        () -> {
          var table = window.view().table();
          OperationRow row =
              table.getItems().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
          table.getSelectionModel().select(row);
          return null;
        });
    await()
        .atMost(TestEngine.WAIT)
        .until(
            () ->
                fx(
                    () ->
                        vm().detail().history().stream()
                            .map(EventRecord::to)
                            .anyMatch(s -> s == OperationStatus.RUNNING)));
  }
}
