package dev.ktrdr.desktop;

import dev.ktrdr.agent.reply.BudgetReply;
import dev.ktrdr.desktop.shell.Engine;
import dev.ktrdr.desktop.shell.TaskExecutor;
import dev.ktrdr.workers.WorkerSnapshot;
import dev.ktrdr.workers.WorkerType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The summary bar: workers, budget, capacity and coordinator state. Workers and budget are read off
 * the FX thread (the registry is in memory; the budget is one small query); the number of active
 * researches comes from the table, which knows them all, so no listing of 1,000 active researches
 * is read once a second.
 */
final class SummaryModel {
  private static final Logger LOG = LoggerFactory.getLogger(SummaryModel.class);
  private static final Duration MAX_AGE = Duration.ofSeconds(5);

  private record Reading(List<WorkerSnapshot> workers, BudgetReply budget) {}

  private final Engine engine;
  private final TaskExecutor executor;
  private final Clock clock;
  private final LongSupplier activeResearches;
  private final ReadOnlyStringWrapper workersText = new ReadOnlyStringWrapper("Workers: –");
  private final ReadOnlyStringWrapper budgetText = new ReadOnlyStringWrapper("Budget: –");
  private final ReadOnlyStringWrapper capacityText = new ReadOnlyStringWrapper("Capacity: –");
  private final ReadOnlyStringWrapper coordinatorText = new ReadOnlyStringWrapper("");
  private boolean inFlight;
  private boolean dirty = true;
  private Instant readAt = Instant.EPOCH;
  private List<WorkerSnapshot> lastWorkers = List.of();

  SummaryModel(Engine engine, TaskExecutor executor, Clock clock, LongSupplier active) {
    this.engine = engine;
    this.executor = executor;
    this.clock = clock;
    this.activeResearches = active;
  }

  /** Something changed: the next tick re-reads. */
  void markDirty() {
    dirty = true;
  }

  void refreshIfStale(Instant now) {
    if (dirty || Duration.between(readAt, now).compareTo(MAX_AGE) > 0) {
      refresh();
    } else {
      showCapacity();
    }
  }

  /** Re-reads workers and budget, unless a read is already under way. */
  void refresh() {
    if (inFlight || !engine.ready()) {
      return;
    }
    inFlight = true;
    dirty = false;
    executor.execute(
        () -> new Reading(engine.backend().workers(), engine.backend().budget()),
        r -> {
          inFlight = false;
          readAt = clock.instant();
          apply(r);
        },
        e -> {
          inFlight = false;
          LOG.warn("Could not read workers and budget", e);
        });
  }

  private void apply(Reading r) {
    lastWorkers = r.workers();
    int tBusy = busy(WorkerType.TRAINING, true);
    int tAll = busy(WorkerType.TRAINING, false);
    int bBusy = busy(WorkerType.BACKTESTING, true);
    int bAll = busy(WorkerType.BACKTESTING, false);
    workersText.set(
        String.format(
            Locale.ROOT,
            "Workers %d/%d busy (training %d/%d · backtest %d/%d)",
            tBusy + bBusy,
            tAll + bAll,
            tBusy,
            tAll,
            bBusy,
            bAll));
    budgetText.set(
        String.format(
            Locale.ROOT,
            "Budget $%.2f of $%.2f left today",
            r.budget().remaining(),
            r.budget().dailyLimit()));
    showCapacity();
  }

  private int busy(WorkerType t, boolean onlyBusy) {
    return (int)
        lastWorkers.stream().filter(w -> w.workerType() == t && (!onlyBusy || w.busy())).count();
  }

  private void showCapacity() {
    if (!engine.ready()) {
      return;
    }
    long active = activeResearches.getAsLong();
    capacityText.set(
        String.format(
            Locale.ROOT,
            "Capacity %s/%s researches",
            DisplayFormats.count(active),
            DisplayFormats.count(engine.backend().concurrencyLimit())));
    coordinatorText.set("Coordinator " + (active > 0 ? "active" : "idle"));
  }

  /** The workers as last read (the lanes draw one lane each). */
  List<WorkerSnapshot> workers() {
    return lastWorkers;
  }

  ReadOnlyStringProperty workersText() {
    return workersText.getReadOnlyProperty();
  }

  ReadOnlyStringProperty budgetText() {
    return budgetText.getReadOnlyProperty();
  }

  ReadOnlyStringProperty capacityText() {
    return capacityText.getReadOnlyProperty();
  }

  ReadOnlyStringProperty coordinatorText() {
    return coordinatorText.getReadOnlyProperty();
  }
}
