package dev.ktrdr.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.CancelSource;
import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.desktop.log.LogModel;
import dev.ktrdr.desktop.notify.Notice;
import dev.ktrdr.desktop.shell.TaskExecutor;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.desktop.table.StatusFilter;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.PhaseGates.Gate;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The view model with plain JUnit: a real engine, the test thread playing the UI thread (events
 * queue up until {@link #runUi()}), and a same-thread executor.
 */
class ConsoleViewModelTest {
  @TempDir Path dir;
  private final ConcurrentLinkedQueue<Runnable> ui = new ConcurrentLinkedQueue<>();
  private final List<Notice> notices = new ArrayList<>();

  /** Every research stays in its design until the test releases it or cancels it. */
  private final PhaseGates gates = new PhaseGates().holdEvery(Phase.DESIGNING);

  private TestEngine engine;
  private ConsoleViewModel vm;

  private void open() {
    engine = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings(), gates);
    vm =
        new ConsoleViewModel(
            engine.agent(), engine.ops(), TaskExecutor.sameThread(), Clock.systemUTC());
    vm.setNoticeSink(notices::add);
    vm.connect(ui::add);
  }

  @AfterEach
  void close() {
    if (vm != null) {
      vm.disconnect();
    }
    if (engine != null) {
      engine.close();
    }
  }

  private void runUi() {
    for (Runnable r; (r = ui.poll()) != null; ) {
      r.run();
    }
  }

  private void awaitUi(BooleanSupplier condition) {
    await()
        .atMost(TestEngine.WAIT)
        .until(
            () -> {
              runUi();
              return condition.getAsBoolean();
            });
  }

  private String trigger(String brief) {
    List<TriggerReply> replies = new ArrayList<>();
    vm.trigger(brief, "haiku", false, false, replies::add);
    assertThat(replies).hasSize(1);
    assertThat(replies.get(0).triggered()).isTrue();
    return vm.lastTriggeredProperty().get();
  }

  @Test
  void aTriggeredResearchAppearsAndTicksThroughItsPhasesToCompleted() {
    open();
    String id = trigger("Explore RSI variations");
    gates.awaitHeld("Explore RSI variations", Phase.DESIGNING);
    awaitUi(() -> vm.row(id) != null && !vm.row(id).currentChildProperty().get().isEmpty());
    OperationRow row = vm.row(id);
    assertThat(row.modelProperty().get()).isEqualTo("haiku");
    assertThat(row.status()).isEqualTo(OperationStatus.RUNNING);
    assertThat(row.isCancellable()).isTrue();
    gates.release("Explore RSI variations", Phase.DESIGNING);
    awaitUi(() -> row.status() == OperationStatus.COMPLETED);
    assertThat(row.isCancellable()).isFalse();
    assertThat(row.progressProperty().get()).isEqualTo(1.0);
    assertThat(row.strategyProperty().get()).isNotEmpty();
    assertThat(row.currentChildProperty().get()).isEmpty();
    assertThat(vm.log()).anyMatch(l -> id.equals(l.operationId()) && "completed".equals(l.to()));
    assertThat(notices)
        .anyMatch(n -> n.title().equals("Research completed") && id.equals(n.operationId()));
  }

  @Test
  void cancelGoesToTheServiceAndTheRowAndTheDatabaseSayCancelled() {
    open();
    String id = trigger("To be cancelled");
    Gate design = gates.awaitHeld("To be cancelled", Phase.DESIGNING);
    awaitUi(() -> vm.row(id) != null && !vm.row(id).currentChildProperty().get().isEmpty());
    OperationRow row = vm.row(id);
    vm.cancel(row);
    assertThat(row.status()).isEqualTo(OperationStatus.CANCELLED); // at the service's answer
    assertThat(row.isCancellable()).isFalse();
    assertThat(row.noteProperty().get()).startsWith("Research cancelled");
    Operation stored = engine.get(id);
    assertThat(stored.status()).isEqualTo(OperationStatus.CANCELLED);
    assertThat(stored.param("cancelled_by")).isEqualTo(CancelSource.DESKTOP.wire());
    assertThat(engine.status(engine.childOf(id, Phase.DESIGNING)))
        .isEqualTo(OperationStatus.CANCELLED);
    assertThat(design.awaitExit()).isTrue();
    assertThat(design.sawCancel()).isTrue();
    assertThat(engine.agent().childTasks().isTracked(id)).isFalse();
  }

  @Test
  void aCancelThatLosesTheRaceIsRefusedInWords() {
    open();
    String id = trigger("Cancelled elsewhere first");
    awaitUi(() -> vm.row(id) != null);
    OperationRow row = vm.row(id);
    // Cancelled elsewhere (the CLI, say); the console has not seen the event yet.
    assertThat(engine.agent().cancel(id, "from the CLI", CancelSource.CLI).success()).isTrue();
    assertThat(row.isCancellable()).isTrue();
    vm.cancel(row);
    assertThat(row.noteProperty().get())
        .isEqualTo("Cancel refused: Cannot cancel cancelled operation");
    assertThat(vm.messageProperty().get()).contains("Cannot cancel cancelled operation");
    assertThat(notices).anyMatch(n -> n.title().equals("Cancel refused"));
    assertThat(row.status()).isEqualTo(OperationStatus.CANCELLED);
  }

  @Test
  void cancelAllReportsOneOutcomePerRow() {
    open();
    String a = trigger("A");
    String b = trigger("B");
    awaitUi(() -> vm.row(a) != null && vm.row(b) != null);
    assertThat(engine.agent().cancel(b, null, CancelSource.API).success()).isTrue();
    List<ConsoleViewModel.CancelOutcome> outcomes = new ArrayList<>();
    vm.cancelAll(List.of(vm.row(a), vm.row(b)), outcomes::addAll);
    assertThat(outcomes)
        .extracting(ConsoleViewModel.CancelOutcome::operationId)
        .containsExactly(a, b);
    assertThat(outcomes)
        .extracting(ConsoleViewModel.CancelOutcome::success)
        .containsExactly(true, false);
    assertThat(vm.messageProperty().get()).isEqualTo("Cancelled 1 of 2 researches");
  }

  @Test
  void filterByTextAndStatus() {
    open();
    String a = trigger("Alpha brief");
    String b = trigger("Beta brief");
    awaitUi(() -> vm.row(a) != null && vm.row(b) != null);
    vm.cancel(vm.row(b));
    vm.filterTextProperty().set("alpha");
    assertThat(vm.visibleRows()).extracting(OperationRow::id).containsExactly(a);
    vm.filterTextProperty().set("");
    vm.statusFilterProperty().set(StatusFilter.CANCELLED);
    assertThat(vm.visibleRows()).extracting(OperationRow::id).containsExactly(b);
    vm.statusFilterProperty().set(StatusFilter.ACTIVE);
    assertThat(vm.visibleRows()).extracting(OperationRow::id).containsExactly(a);
  }

  @Test
  void anInvalidModelIsAMessageNotACrash() {
    open();
    List<TriggerReply> replies = new ArrayList<>();
    vm.trigger("x", "gpt-9", false, false, replies::add);
    assertThat(replies).containsExactly((TriggerReply) null);
    assertThat(vm.messageProperty().get()).startsWith("Cannot trigger: Unknown model 'gpt-9'");
  }

  @Test
  void refreshLoadsWhatIsAlreadyInTheDatabaseAndTheSummary() {
    open();
    String id = engine.trigger("Before the console looked");
    ConsoleViewModel fresh =
        new ConsoleViewModel(
            engine.agent(), engine.ops(), TaskExecutor.sameThread(), Clock.systemUTC());
    fresh.refresh();
    assertThat(fresh.row(id)).isNotNull();
    assertThat(fresh.capacityTextProperty().get()).isEqualTo("Capacity 1/5 researches");
    assertThat(fresh.budgetTextProperty().get()).startsWith("Budget $");
    assertThat(fresh.workersTextProperty().get()).startsWith("Workers ");
  }

  @Test
  void aStaleSnapshotNeverRevivesAnEndedRow() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    Operation running =
        new Operation(
            "op_agent_research_x",
            null,
            OperationType.AGENT_RESEARCH,
            OperationStatus.RUNNING,
            t,
            t,
            null,
            20,
            "Training model...",
            Map.of("phase", "training", "training_op_id", "op_training_y"),
            null,
            null);
    Operation cancelled =
        new Operation(
            "op_agent_research_x",
            null,
            OperationType.AGENT_RESEARCH,
            OperationStatus.CANCELLED,
            t,
            t,
            t.plusSeconds(75),
            20,
            "Training model...",
            Map.of("phase", "training"),
            "Cancelled by user",
            null);
    OperationRow row = new OperationRow(running, 0, t.plusSeconds(10));
    assertThat(row.currentChildProperty().get()).isEqualTo("training 0% · y");
    row.update(cancelled, t.plusSeconds(80));
    row.update(running, t.plusSeconds(81));
    assertThat(row.status()).isEqualTo(OperationStatus.CANCELLED);
    assertThat(DisplayFormats.duration(row.durationSecondsProperty().get())).isEqualTo("1m 15s");
  }

  @Test
  void theLogPaneKeepsOnlyTheNewestLines() {
    open();
    List<OperationEvent> batch = new ArrayList<>();
    for (int i = 0; i < LogModel.CAPACITY + 10; i++) {
      batch.add(
          new OperationEvent(
              Instant.now(),
              "op_x",
              OperationType.TRAINING,
              null,
              OperationEvent.Kind.LOG,
              null,
              null,
              "line " + i,
              null));
    }
    vm.applyEvents(batch);
    assertThat(vm.log()).hasSize(LogModel.CAPACITY);
    assertThat(vm.log().get(vm.log().size() - 1).message())
        .isEqualTo("line " + (LogModel.CAPACITY + 9));
  }
}
