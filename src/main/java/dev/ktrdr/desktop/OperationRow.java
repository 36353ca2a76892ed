package dev.ktrdr.desktop;

import dev.ktrdr.agent.Model;
import dev.ktrdr.agent.ResearchParams;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import java.time.Instant;
import java.util.Arrays;
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
 * One research in the table. Updated on the UI thread from operation snapshots; each cell binds to
 * one property so a change repaints only what changed.
 */
public final class OperationRow {
  private final String id;
  private final ReadOnlyObjectWrapper<Operation> operation = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<OperationStatus> status = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper strategy = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper model = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper currentChild = new ReadOnlyStringWrapper("");
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
  private final ReadOnlyDoubleWrapper durationSeconds = new ReadOnlyDoubleWrapper();
  private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
  private final BooleanBinding cancellable;
  private String currentChildId;
  private OperationType currentChildType;
  private double childPercent;

  /** Position in the {@link RowList}; rows are only appended, so it never changes. */
  int listIndex = -1;

  OperationRow(Operation research, Instant now) {
    this.id = research.operationId();
    cancellable = active.and(cancelling.not());
    update(research, now);
  }

  /**
   * Takes a newer snapshot of the research; returns true when what the table filters and sorts on
   * (status, phase, strategy) changed. Cells bind to the properties directly, so progress and
   * duration repaint without any list change. A row never goes from an ended status back to an
   * active one: a stale read (a refresh racing an event) cannot resurrect a finished research.
   */
  boolean update(Operation research, Instant now) {
    if (status.get() != null && status.get().isTerminal() && research.isActive()) {
      return false;
    }
    OperationStatus oldStatus = status.get();
    String oldPhase = phase.get();
    String oldStrategy = strategy.get();
    operation.set(research);
    status.set(research.status());
    Phase p = ResearchParams.phase(research);
    phase.set(p.wire());
    String s = research.param(ResearchParams.STRATEGY_NAME);
    strategy.set(s == null ? "" : s);
    String m = research.param(ResearchParams.MODEL);
    model.set(Model.resolve(m).map(Model::alias).orElse(m == null ? "" : m));
    step.set(research.currentStep() == null ? "" : research.currentStep());
    active.set(research.isActive());
    if (research.status().isTerminal()) {
      cancelling.set(false);
    }
    String child = research.isActive() ? ResearchParams.currentChildId(research) : null;
    if (child == null || !child.equals(currentChildId)) {
      currentChildId = child;
      currentChildType = p == Phase.IDLE ? null : childType(p);
      childPercent = 0;
    }
    refreshChildText();
    recomputeProgress();
    tick(now);
    return oldStatus != status.get()
        || !oldPhase.equals(phase.get())
        || !oldStrategy.equals(strategy.get());
  }

  /** Takes a snapshot of one of this research's children; only the current one is shown. */
  void updateChild(Operation child) {
    if (child.operationId().equals(currentChildId)) {
      currentChildType = child.operationType();
      childPercent = child.progressPercentage();
      refreshChildText();
      recomputeProgress();
    }
  }

  /** Moves the live duration on; an ended research keeps its final duration. */
  void tick(Instant now) {
    Operation op = operation.get();
    durationSeconds.set(op == null ? 0 : op.durationSeconds(now));
  }

  void setCancelling(boolean value) {
    cancelling.set(value);
  }

  void setNote(String text) {
    note.set(text == null ? "" : text);
  }

  private void refreshChildText() {
    if (currentChildId == null) {
      currentChild.set("");
      return;
    }
    String type =
        currentChildType == null
            ? "child"
            : currentChildType.wire().replace("agent_", "").replace("backtesting", "backtest");
    currentChild.set(
        type + " " + Math.round(childPercent) + "% · " + shortId(currentChildId).replace("…", ""));
  }

  /**
   * The research's own progress moves only at phase starts (5, 20, 65, 90, 100 %); between them the
   * bar also advances with the current child's progress, so a long phase visibly moves.
   */
  private void recomputeProgress() {
    Operation op = operation.get();
    double base = op.progressPercentage();
    if (op.isActive() && currentChildId != null) {
      Phase p = ResearchParams.phase(op);
      double next =
          p.ordinal() + 1 < Phase.values().length
              ? Phase.values()[p.ordinal() + 1].startPercent()
              : 100;
      double from = Math.max(base, p.startPercent());
      base = from + (Math.max(next, from) - from) * Math.min(100, childPercent) / 100.0;
    }
    progress.set(Math.max(0, Math.min(100, base)) / 100.0);
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

  /** {@code op_training_20261128_101500_1a2b3c4d} → {@code …1a2b3c4d}: the part that differs. */
  static String shortId(String id) {
    int i = id.lastIndexOf('_');
    return i < 0 ? id : "…" + id.substring(i + 1);
  }

  static boolean isResearch(Operation op) {
    return op.operationType() == OperationType.AGENT_RESEARCH;
  }

  /** Text the filter box matches against: id, status, phase, strategy, model, brief. */
  String searchText() {
    Operation op = operation.get();
    return String.join(
        " ",
        Arrays.asList(
            id,
            status.get().wire(),
            phase.get(),
            strategy.get(),
            model.get(),
            op.param(ResearchParams.BRIEF) == null ? "" : op.param(ResearchParams.BRIEF)));
  }

  public String id() {
    return id;
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

  public ReadOnlyStringProperty phaseProperty() {
    return phase.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty strategyProperty() {
    return strategy.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty modelProperty() {
    return model.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty stepProperty() {
    return step.getReadOnlyProperty();
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

  /** The last thing the console has to say about this row, e.g. a refused cancel. */
  public ReadOnlyStringProperty noteProperty() {
    return note.getReadOnlyProperty();
  }

  /** "2m 15s" style. */
  public static String formatDuration(double seconds) {
    long s = Math.round(Math.floor(seconds));
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + String.format("%02d", s % 60) + "s";
    }
    return (s / 3600) + "h " + String.format("%02d", (s % 3600) / 60) + "m";
  }

  @Override
  public String toString() {
    return id;
  }
}
