package dev.ktrdr.desktop;

import dev.ktrdr.agent.reply.BudgetReply;
import dev.ktrdr.desktop.shell.ConsoleBackend;
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

  private record Reading(List<WorkerSnapshot> workers, BudgetReply budget, int limit) {}

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

  /** The research limit as last read; 0 before the first read. */
  private int limit;

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
        () -> {
          // Read off the UI thread: on a connected console each of these is an HTTP call.
          ConsoleBackend b = engine.backend();
          return new Reading(b.workers(), b.budget(), b.concurrencyLimit());
        },
        r -> {
          inFlight = false;
          readAt = clock.instant();
          apply(r);
        },
        e -> {
          inFlight = false;
          // Says why in one line: while a server is away this repeats every second.
          LOG.warn("Could not read workers and budget: {}", e.getMessage());
          LOG.debug("Reading workers and budget failed", e);
        });
  }

  private void apply(Reading r) {
    lastWorkers = r.workers();
    limit = r.limit();
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
    if (limit == 0) {
      return; // not read yet
    }
    long active = activeResearches.getAsLong();
    capacityText.set(
        String.format(
            Locale.ROOT,
            "Capacity %s/%s researches",
            DisplayFormats.count(active),
            DisplayFormats.count(limit)));
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
