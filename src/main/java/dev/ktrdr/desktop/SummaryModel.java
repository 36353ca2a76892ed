package dev.ktrdr.desktop;

import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.reply.StatusReply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The summary bar's model: workers, budget, capacity and coordinator state, read from {@code
 * AgentService.getStatus()} off the FX thread when something changed or it grew stale.
 */
final class SummaryModel {
  private static final Logger LOG = LoggerFactory.getLogger(SummaryModel.class);
  private static final Duration SUMMARY_MAX_AGE = Duration.ofSeconds(5);

  private final AgentService agent;
  private final TaskExecutor executor;
  private final Clock clock;
  private final ReadOnlyStringWrapper workersText = new ReadOnlyStringWrapper("Workers: –");
  private final ReadOnlyStringWrapper budgetText = new ReadOnlyStringWrapper("Budget: –");
  private final ReadOnlyStringWrapper capacityText = new ReadOnlyStringWrapper("Capacity: –");
  private final ReadOnlyStringWrapper coordinatorText = new ReadOnlyStringWrapper("");
  private boolean summaryInFlight;
  private boolean summaryDirty = true;
  private Instant summaryAt = Instant.EPOCH;

  SummaryModel(AgentService agent, TaskExecutor executor, Clock clock) {
    this.agent = agent;
    this.executor = executor;
    this.clock = clock;
  }

  /** Something changed: the next tick re-reads. */
  void markDirty() {
    summaryDirty = true;
  }

  void refreshIfStale(Instant now) {
    if (summaryDirty || Duration.between(summaryAt, now).compareTo(SUMMARY_MAX_AGE) > 0) {
      refresh();
    }
  }

  /** Re-reads workers, budget and capacity, unless a read is already under way. */
  void refresh() {
    if (summaryInFlight) {
      return;
    }
    summaryInFlight = true;
    summaryDirty = false;
    executor.execute(
        agent::getStatus,
        s -> {
          summaryInFlight = false;
          summaryAt = clock.instant();
          applySummary(s);
        },
        e -> {
          summaryInFlight = false;
          LOG.warn("Could not read the coordinator status", e);
        });
  }

  private void applySummary(StatusReply s) {
    StatusReply.WorkerCount t = s.workers().get("training");
    StatusReply.WorkerCount b = s.workers().get("backtesting");
    int busy = (t == null ? 0 : t.busy()) + (b == null ? 0 : b.busy());
    int total = (t == null ? 0 : t.total()) + (b == null ? 0 : b.total());
    workersText.set(
        String.format(
            Locale.ROOT,
            "Workers %d/%d busy  (training %d/%d · backtest " + "%d/%d)",
            busy,
            total,
            t == null ? 0 : t.busy(),
            t == null ? 0 : t.total(),
            b == null ? 0 : b.busy(),
            b == null ? 0 : b.total()));
    budgetText.set(
        String.format(
            Locale.ROOT,
            "Budget $%.2f of $%.2f left today",
            s.budget().remaining(),
            s.budget().dailyLimit()));
    capacityText.set(
        String.format(
            Locale.ROOT, "Capacity %d/%d researches", s.capacity().active(), s.capacity().limit()));
    coordinatorText.set("Coordinator " + s.status());
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
