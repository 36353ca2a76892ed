package dev.ktrdr.desktop.table;

import dev.ktrdr.agent.Model;
import dev.ktrdr.agent.ResearchParams;
import dev.ktrdr.desktop.DisplayFormats;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.workers.WorkerType;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One research in the table, updated on the UI thread from operation snapshots. Each cell binds to
 * one property, so a change repaints only what changed. A snapshot older than the one held is
 * dropped ({@link SnapshotOrder}), and an ended row never becomes active again.
 */
public final class OperationRow {
  /** Shown in the Phase column once a research has completed. */
  public static final String DONE = "done";

  private final String id;
  private final Instant createdAt;
  private final long order;
  private final ReadOnlyObjectWrapper<Operation> operation = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<OperationStatus> status = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper strategy = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper model = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper currentChild = new ReadOnlyStringWrapper("");
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
  private final ReadOnlyDoubleWrapper durationSeconds = new ReadOnlyDoubleWrapper();
  private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
  private final BooleanBinding cancellable;
  private long version = -1;
  private Phase currentPhase = Phase.IDLE;
  private String currentChildId;
  private long childVersion = -1;
  private OperationType currentChildType;
  private OperationStatus childStatus;
  private Instant childEndedAt;
  private double childPercent;
  private String searchText = "";

  /** True while the row is in the table's shown list (kept by {@link ShownRows}). */
  boolean shown;

  /**
   * @param order breaks ties between researches created in the same millisecond: larger is newer
   */
  public OperationRow(Operation research, long order, Instant now) {
    this.id = research.operationId();
    this.createdAt = research.createdAt();
    this.order = order;
    cancellable = active.and(cancelling.not());
    update(research, now);
  }

  /**
   * Takes a snapshot of the research; returns true when anything shown changed. Ignored when older
   * than the held one, or when it would turn an ended research active again (a read racing an
   * event).
   */
  public boolean update(Operation research, Instant now) {
    if (SnapshotOrder.isOlder(research, version)) {
      return false;
    }
    if (status.get() != null && status.get().isTerminal() && research.isActive()) {
      return false;
    }
    version = research.version();
    Operation before = operation.get();
    operation.set(research);
    status.set(research.status());
    currentPhase = ResearchParams.phase(research);
    phase.set(research.status() == OperationStatus.COMPLETED ? DONE : currentPhase.wire());
    String s = research.param(ResearchParams.STRATEGY_NAME);
    strategy.set(s == null ? "" : s);
    String m = research.param(ResearchParams.MODEL);
    model.set(Model.resolve(m).map(Model::alias).orElse(m == null ? "" : m));
    active.set(research.isActive());
    if (research.status().isTerminal()) {
      cancelling.set(false);
    }
    String child = research.isActive() ? ResearchParams.currentChildId(research) : null;
    if (child == null || !child.equals(currentChildId)) {
      currentChildId = child;
      childVersion = -1;
      currentChildType = childType(currentPhase);
      childStatus = null; // unknown until the child's own snapshot arrives
      childEndedAt = null;
      childPercent = 0;
    }
    String brief = research.param(ResearchParams.BRIEF);
    searchText =
        String.join(
                " ",
                id,
                research.status().wire(),
                phase.get(),
                strategy.get(),
                model.get(),
                brief == null ? "" : brief)
            .toLowerCase(Locale.ROOT);
    refreshChildText(now);
    recomputeProgress();
    tick(now);
    return before == null || !before.equals(research);
  }

  /** Takes a snapshot of one of this research's children; only the current one is shown. */
  public boolean updateChild(Operation child, Instant now) {
    if (!child.operationId().equals(currentChildId) || SnapshotOrder.isOlder(child, childVersion)) {
      return false;
    }
    childVersion = child.version();
    currentChildType = child.operationType();
    childPercent = child.progressPercentage();
    childStatus = child.status();
    childEndedAt = child.completedAt();
    refreshChildText(now);
    recomputeProgress();
    return true;
  }

  /** Moves the live duration (and a wait) on; an ended research keeps its final duration. */
  public void tick(Instant now) {
    Operation op = operation.get();
    durationSeconds.set(op == null ? 0 : op.durationSeconds(now));
    if (childEndedAt != null && active.get()) {
      refreshChildText(now);
    }
  }

  public void setCancelling(boolean value) {
    cancelling.set(value);
  }

  public void setNote(String text) {
    note.set(text == null ? "" : text);
  }

  /**
   * What the current child is doing. A research whose child finished but that has not moved on is
   * waiting for a worker of the next phase (the engine keeps it in its phase): say so, and for how
   * long, instead of showing a finished child at 100 %.
   */
  private void refreshChildText(Instant now) {
    if (currentChildId == null || !active.get()) {
      currentChild.set("");
      return;
    }
    String type = childLabel(currentChildType);
    String hash = DisplayFormats.shortId(currentChildId);
    if (childStatus == OperationStatus.COMPLETED) {
      String wait =
          childEndedAt == null
              ? ""
              : " " + DisplayFormats.duration(Duration.between(childEndedAt, now).toSeconds());
      String next =
          currentPhase == Phase.DESIGNING
              ? "a training worker"
              : currentPhase == Phase.TRAINING ? "a backtest worker" : "the coordinator";
      currentChild.set("waiting" + wait + " for " + next);
    } else if (childStatus == OperationStatus.PENDING) {
      currentChild.set(type + " queued · " + hash);
    } else {
      currentChild.set(type + " " + Math.round(childPercent) + "% · " + hash);
    }
  }

  /**
   * The research's own progress moves only at phase starts (5, 20, 65, 90, 100 %); between them the
   * bar also advances with the current child's progress, so a long phase visibly moves.
   */
  private void recomputeProgress() {
    Operation op = operation.get();
    double base = op.progressPercentage();
    if (op.isActive() && currentChildId != null) {
      Phase p = currentPhase;
      double next =
          p.ordinal() + 1 < Phase.values().length
              ? Phase.values()[p.ordinal() + 1].startPercent()
              : 100;
      double from = Math.max(base, p.startPercent());
      base = from + (Math.max(next, from) - from) * Math.min(100, childPercent) / 100.0;
    }
    progress.set(Math.max(0, Math.min(100, base)) / 100.0);
  }

  static String childLabel(OperationType t) {
    if (t == null) {
      return "child";
    }
    switch (t) {
      case AGENT_DESIGN:
        return "design";
      case AGENT_ASSESSMENT:
        return "assessment";
      case BACKTESTING:
        return "backtest";
      default:
        return t.wire();
    }
  }

  private static OperationType childType(Phase p) {
    switch (p) {
      case DESIGNING:
        return OperationType.AGENT_DESIGN;
      case TRAINING:
        return OperationType.TRAINING;
      case BACKTESTING:
        return OperationType.BACKTESTING;
      case ASSESSING:
        return OperationType.AGENT_ASSESSMENT;
      default:
        return null;
    }
  }

  public static boolean isResearch(Operation op) {
    return op.operationType() == OperationType.AGENT_RESEARCH;
  }

  /**
   * The worker type this research waits for: its phase's child is done but the next phase has no
   * worker yet. Null when it is not waiting.
   */
  public WorkerType waitingFor() {
    if (!active.get() || childStatus != OperationStatus.COMPLETED) {
      return null;
    }
    return currentPhase == Phase.DESIGNING
        ? WorkerType.TRAINING
        : currentPhase == Phase.TRAINING ? WorkerType.BACKTESTING : null;
  }

  /** Lower-case text the filter box matches: id, status, phase, strategy, model, brief. */
  String searchText() {
    return searchText;
  }

  public String id() {
    return id;
  }

  /** The unique end of the id ({@code 1a2b3c4d}): what the ID column shows. */
  public String shortId() {
    return DisplayFormats.shortId(id);
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Tie-break for researches created in the same millisecond: larger is newer. */
  long order() {
    return order;
  }

  /** The phase as the engine records it (a completed research stays in assessing). */
  public Phase currentPhase() {
    return currentPhase;
  }

  public String currentChildId() {
    return currentChildId;
  }

  public Operation operation() {
    return operation.get();
  }

  public ReadOnlyObjectProperty<Operation> operationProperty() {
    return operation.getReadOnlyProperty();
  }

  public OperationStatus status() {
    return status.get();
  }

  public ReadOnlyObjectProperty<OperationStatus> statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The phase, or {@link #DONE} once completed. */
  public ReadOnlyStringProperty phaseProperty() {
    return phase.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty strategyProperty() {
    return strategy.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty modelProperty() {
    return model.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty currentChildProperty() {
    return currentChild.getReadOnlyProperty();
  }

  /** 0–1, for a progress bar. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty durationSecondsProperty() {
    return durationSeconds.getReadOnlyProperty();
  }

  /** True while a cancel sent from this console awaits the service's answer. */
  public ReadOnlyBooleanProperty cancellingProperty() {
    return cancelling.getReadOnlyProperty();
  }

  /** Running or pending, and no cancel in flight: the per-row Cancel button binds to this. */
  public BooleanBinding cancellableProperty() {
    return cancellable;
  }

  public boolean isCancellable() {
    return cancellable.get();
  }

  public boolean isActive() {
    return active.get();
  }

  /** The last thing the console has to say about this row, e.g. a refused cancel. */
  public ReadOnlyStringProperty noteProperty() {
    return note.getReadOnlyProperty();
  }

  @Override
  public String toString() {
    return id;
  }
}
