package dev.ktrdr.desktop;

import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.CancelSource;
import dev.ktrdr.agent.ResearchParams;
import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.agent.ValidationException;
import dev.ktrdr.agent.reply.CancelReply;
import dev.ktrdr.agent.reply.Cancelled;
import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.operations.EventRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationQuery;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationsService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's state and actions, without any scene graph. All methods and property changes happen
 * on the UI thread; blocking service calls go through the {@link TaskExecutor}, and engine events
 * arrive in batches through an {@link EventCoalescer}.
 */
public final class ConsoleViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleViewModel.class);

  /** The log pane keeps the newest lines only; the database keeps everything for export. */
  static final int LOG_CAPACITY = 5_000;

  static final int DETAIL_HISTORY_LINES = 500;

  /** Something worth a pop-up: a research ended, or an action was refused. */
  public record Notice(Level level, String operationId, String title, String text) {
    public enum Level {
      INFO,
      WARNING,
      ERROR
    }
  }

  /** The selected research with its children and its own log lines. */
  public record Detail(Operation research, List<Operation> children, List<EventRecord> history) {}

  /** What the service answered to one row of a cancel. */
  public record CancelOutcome(String operationId, boolean success, String message) {}

  private record CancelResult(CancelReply reply, Operation after) {}

  private record Snapshot(List<Operation> researches, List<Operation> currentChildren) {}

  private final AgentService agent;
  private final OperationsService ops;
  private final TaskExecutor executor;
  private final SummaryModel summary;
  private final Clock clock;

  private final Map<String, OperationRow> byId = new HashMap<>();
  private final RowList rows = new RowList();
  private final FilteredList<OperationRow> visibleRows = new FilteredList<>(rows);
  private final StringProperty filterText = new SimpleStringProperty("");
  private final ObjectProperty<StatusFilter> statusFilter =
      new SimpleObjectProperty<>(StatusFilter.ALL);
  private final ObservableList<LogEntry> log = FXCollections.observableArrayList();

  /** One wrapper, kept: a wrapper made per call only weakly forwards and may be collected. */
  private final ObservableList<LogEntry> logView = FXCollections.unmodifiableObservableList(log);

  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Ready");
  private final ReadOnlyObjectWrapper<String> lastTriggered = new ReadOnlyObjectWrapper<>();

  private final ObjectProperty<OperationRow> selected = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<Detail> detail = new ReadOnlyObjectWrapper<>();
  private boolean detailInFlight;
  private boolean detailDirty;

  private Consumer<Notice> notices = n -> {};
  private EventCoalescer coalescer;

  public ConsoleViewModel(
      AgentService agent, OperationsService ops, TaskExecutor executor, Clock clock) {
    this.agent = agent;
    this.ops = ops;
    this.executor = executor;
    this.clock = clock;
    this.summary = new SummaryModel(agent, executor, clock);
    visibleRows
        .predicateProperty()
        .bind(
            Bindings.createObjectBinding(
                () -> filterPredicate(filterText.get(), statusFilter.get()),
                filterText,
                statusFilter));
    selected.addListener(
        (obs, old, now) -> {
          if (now == null || old == null || !now.id().equals(old.id())) {
            detail.set(null);
          }
          reloadDetail();
        });
  }

  /**
   * Subscribes to the engine's events; batches reach {@link #applyEvents} through {@code
   * uiDispatch} (the console passes {@code Platform::runLater}).
   */
  public EventCoalescer connect(Consumer<Runnable> uiDispatch) {
    coalescer = new EventCoalescer(uiDispatch, this::applyEvents);
    ops.addListener(coalescer);
    return coalescer;
  }

  /** Stops listening to the engine. */
  public void disconnect() {
    if (coalescer != null) {
      ops.removeListener(coalescer);
      coalescer = null;
    }
  }

  public void setNoticeSink(Consumer<Notice> sink) {
    this.notices = Objects.requireNonNull(sink);
  }

  // ---- events ----

  /** Applies one batch of committed changes; only the newest snapshot per operation counts. */
  public void applyEvents(List<OperationEvent> batch) {
    Instant now = clock.instant();
    Map<String, Operation> researches = new LinkedHashMap<>();
    Map<String, Operation> children = new LinkedHashMap<>();
    List<LogEntry> lines = new ArrayList<>();
    String sel = selected.get() == null ? null : selected.get().id();
    boolean touchesSelected = false;
    for (OperationEvent e : batch) {
      Operation op = e.operation();
      if (op != null) {
        (OperationRow.isResearch(op) ? researches : children).put(op.operationId(), op);
      }
      if (e.kind() != OperationEvent.Kind.PROGRESS) {
        lines.add(LogEntry.of(e));
      }
      if (sel != null && (sel.equals(e.operationId()) || sel.equals(e.parentOperationId()))) {
        touchesSelected = true;
      }
      if (e.kind() == OperationEvent.Kind.STATUS
          && e.operationType() == OperationType.AGENT_RESEARCH
          && e.to() != null
          && e.to().isTerminal()) {
        notices.accept(endNotice(e));
      }
    }
    mergeResearches(researches.values(), now);
    for (Operation c : children.values()) {
      OperationRow parent = c.parentOperationId() == null ? null : byId.get(c.parentOperationId());
      if (parent != null) {
        parent.updateChild(c);
      }
    }
    appendLog(lines);
    summary.markDirty();
    if (touchesSelected) {
      reloadDetail();
    }
  }

  /** New rows are appended and changed rows reported, each as one list change. */
  private void mergeResearches(Collection<Operation> snapshots, Instant now) {
    List<OperationRow> added = new ArrayList<>();
    Set<OperationRow> changed = new LinkedHashSet<>();
    for (Operation r : snapshots) {
      OperationRow row = byId.get(r.operationId());
      if (row == null) {
        row = new OperationRow(r, now);
        byId.put(r.operationId(), row);
        added.add(row);
      } else if (row.update(r, now)) {
        changed.add(row);
      }
    }
    rows.updated(changed);
    rows.append(added);
  }

  private static Notice endNotice(OperationEvent e) {
    Operation op = e.operation();
    String strategy = op == null ? null : op.param(ResearchParams.STRATEGY_NAME);
    String what = strategy == null ? e.operationId() : strategy + " (" + e.operationId() + ")";
    switch (e.to()) {
      case COMPLETED:
        String verdict = op == null ? null : op.param(ResearchParams.ASSESSMENT_VERDICT);
        return new Notice(
            Notice.Level.INFO,
            e.operationId(),
            "Research completed",
            what + (verdict == null ? "" : " — verdict: " + verdict));
      case FAILED:
        return new Notice(
            Notice.Level.ERROR,
            e.operationId(),
            "Research failed",
            what + (op == null || op.errorMessage() == null ? "" : ": " + op.errorMessage()));
      default:
        String by = op == null ? null : op.param(ResearchParams.CANCELLED_BY);
        return new Notice(
            Notice.Level.WARNING,
            e.operationId(),
            "Research cancelled",
            what + (by == null ? "" : " — by " + by));
    }
  }

  private void appendLog(List<LogEntry> lines) {
    if (lines.isEmpty()) {
      return;
    }
    log.addAll(lines);
    int excess = log.size() - LOG_CAPACITY;
    if (excess > 0) {
      log.remove(0, excess);
    }
  }

  /** Shows {@code text} in the status line and the log pane (the console's own remarks). */
  public void say(String text) {
    message.set(text);
    note(null, text);
  }

  /** Hands a notice to the view's notification sink. */
  public void publishNotice(Notice n) {
    notices.accept(n);
  }

  private void note(String operationId, String text) {
    appendLog(
        List.of(new LogEntry(clock.instant(), operationId, LogEntry.DESKTOP, null, null, text)));
  }

  // ---- loading ----

  /** Reloads every research (and the current children's progress) and the summary. */
  public void refresh() {
    message.set("Refreshing…");
    executor.execute(
        () -> {
          List<Operation> list =
              ops.list(
                      OperationQuery.all()
                          .withType(OperationType.AGENT_RESEARCH)
                          .withLimit(OperationQuery.MAX_LIMIT))
                  .operations();
          List<String> childIds = new ArrayList<>();
          for (Operation r : list) {
            String c = r.isActive() ? ResearchParams.currentChildId(r) : null;
            if (c != null) {
              childIds.add(c);
            }
          }
          return new Snapshot(list, childIds.isEmpty() ? List.of() : ops.getAll(childIds));
        },
        this::applySnapshot,
        e -> fail("Could not load operations", e));
    refreshSummary();
    reloadDetail();
  }

  private void applySnapshot(Snapshot s) {
    Instant now = clock.instant();
    mergeResearches(s.researches(), now);
    for (Operation c : s.currentChildren()) {
      OperationRow parent = byId.get(c.parentOperationId());
      if (parent != null) {
        parent.updateChild(c);
      }
    }
    message.set("Loaded " + rows.size() + " research" + (rows.size() == 1 ? "" : "es"));
  }

  /** Called once a second: live durations, and the summary when it is stale. */
  public void tick() {
    Instant now = clock.instant();
    for (OperationRow row : rows) {
      if (row.status() != null && row.status().isActive()) {
        row.tick(now);
      }
    }
    summary.refreshIfStale(now);
  }

  /** Re-reads workers, budget and capacity, unless a read is already under way. */
  public void refreshSummary() {
    summary.refresh();
  }

  private void reloadDetail() {
    OperationRow row = selected.get();
    if (row == null) {
      detail.set(null);
      return;
    }
    if (detailInFlight) {
      detailDirty = true;
      return;
    }
    detailInFlight = true;
    detailDirty = false;
    String id = row.id();
    executor.execute(
        () ->
            new Detail(
                ops.get(id).orElse(null), ops.children(id), ops.history(id, DETAIL_HISTORY_LINES)),
        d -> {
          detailInFlight = false;
          OperationRow now = selected.get();
          if (now != null && now.id().equals(id) && d.research() != null) {
            detail.set(d);
          }
          if (detailDirty) {
            reloadDetail();
          }
        },
        e -> {
          detailInFlight = false;
          fail("Could not load " + id, e);
        });
  }

  // ---- actions ----

  /**
   * Triggers a research; the answer (or refusal) is shown in words and passed to {@code done} (null
   * when the call failed, e.g. an invalid model).
   */
  public void trigger(
      String brief, String model, boolean bypassGates, boolean force, Consumer<TriggerReply> done) {
    message.set("Triggering…");
    executor.execute(
        () -> agent.trigger(new TriggerRequest(brief, model, bypassGates, force)),
        reply -> {
          if (reply instanceof Triggered) {
            String id = ((Triggered) reply).operationId();
            message.set("Research triggered: " + id);
            lastTriggered.set(id);
          } else {
            message.set("Cannot trigger: " + reply.message());
            note(null, "Trigger refused: " + reply.message());
            notices.accept(
                new Notice(Notice.Level.WARNING, null, "Cannot trigger", reply.message()));
          }
          done.accept(reply);
        },
        e -> {
          done.accept(null);
          if (e instanceof ValidationException) {
            message.set("Cannot trigger: " + e.getMessage());
            notices.accept(
                new Notice(Notice.Level.WARNING, null, "Cannot trigger", e.getMessage()));
          } else {
            fail("Trigger failed", e);
          }
        });
  }

  /**
   * Cancels one research from the console: the service is called off the UI thread, the row shows
   * the answer when it comes. A row that is no longer cancellable is refused in words here.
   */
  public void cancel(OperationRow row) {
    cancelAll(
        List.of(row),
        outcomes -> {
          CancelOutcome o = outcomes.get(0);
          if (!o.success()) {
            notices.accept(
                new Notice(Notice.Level.WARNING, o.operationId(), "Cancel refused", o.message()));
          }
        });
  }

  /**
   * Cancels several researches, one service call each, and reports one outcome per row (in the
   * given order) to {@code done} on the UI thread.
   */
  public void cancelAll(List<OperationRow> targets, Consumer<List<CancelOutcome>> done) {
    List<OperationRow> list = List.copyOf(targets);
    if (list.isEmpty()) {
      return;
    }
    for (OperationRow r : list) {
      if (r.isCancellable()) {
        r.setCancelling(true);
      }
    }
    message.set(
        list.size() == 1
            ? "Cancelling " + list.get(0).id() + "…"
            : "Cancelling " + list.size() + " researches…");
    executor.execute(
        () -> {
          List<CancelResult> results = new ArrayList<>();
          for (OperationRow r : list) {
            CancelReply reply = agent.cancel(r.id(), null, CancelSource.DESKTOP);
            results.add(new CancelResult(reply, ops.get(r.id()).orElse(null)));
          }
          return results;
        },
        results -> {
          List<CancelOutcome> outcomes = new ArrayList<>();
          for (int i = 0; i < list.size(); i++) {
            outcomes.add(applyCancel(list.get(i), results.get(i)));
          }
          if (outcomes.size() > 1) {
            long ok = outcomes.stream().filter(CancelOutcome::success).count();
            message.set("Cancelled " + ok + " of " + outcomes.size() + " researches");
          }
          done.accept(outcomes);
        },
        e -> {
          list.forEach(r -> r.setCancelling(false));
          fail("Cancel failed", e);
        });
  }

  private CancelOutcome applyCancel(OperationRow row, CancelResult res) {
    row.setCancelling(false);
    if (res.after() != null && row.update(res.after(), clock.instant())) {
      rows.updated(List.of(row));
    }
    CancelReply reply = res.reply();
    String text;
    if (reply.success()) {
      String child = ((Cancelled) reply).childCancelled();
      text = "Research cancelled" + (child == null ? "" : " (child " + child + " cancelled)");
    } else {
      text = "Cancel refused: " + reply.message();
    }
    row.setNote(text);
    message.set(row.id() + ": " + text);
    note(row.id(), text);
    return new CancelOutcome(row.id(), reply.success(), text);
  }

  /**
   * Exports the persisted events — all of them, or those of the visible rows and their children —
   * and reports a message for the user to {@code done}: how many were written, or why not.
   */
  public void exportLogs(
      Path file, LogExporter.Format format, boolean visibleOnly, Consumer<ExportResult> done) {
    List<String> ids = visibleOnly ? visibleRows.stream().map(OperationRow::id).toList() : null;
    message.set("Exporting to " + file + "…");
    executor.execute(
        () -> LogExporter.write(LogExporter.collect(ops, ids), format, file),
        n -> {
          String text = "Exported " + n + " events to " + file;
          message.set(text);
          done.accept(new ExportResult(true, text));
        },
        e -> {
          String text = e instanceof ExportException ? e.getMessage() : "Export failed: " + e;
          if (!(e instanceof ExportException)) {
            LOG.warn("Export failed", e);
          }
          message.set(text);
          done.accept(new ExportResult(false, text));
        });
  }

  /** The outcome of an export, in words. */
  public record ExportResult(boolean ok, String message) {}

  private void fail(String what, Throwable e) {
    LOG.warn("{}", what, e);
    String text = what + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
    message.set(text);
    notices.accept(new Notice(Notice.Level.ERROR, null, what, text));
  }

  private static Predicate<OperationRow> filterPredicate(String text, StatusFilter status) {
    String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    StatusFilter s = status == null ? StatusFilter.ALL : status;
    return row ->
        s.accepts(row.status())
            && (needle.isEmpty() || row.searchText().toLowerCase(Locale.ROOT).contains(needle));
  }

  // ---- properties ----

  public OperationRow row(String id) {
    return byId.get(id);
  }

  /** Every research row, in arrival order. */
  public ObservableList<OperationRow> rows() {
    return rows;
  }

  /** The rows that pass the filter; the view sorts them. */
  public FilteredList<OperationRow> visibleRows() {
    return visibleRows;
  }

  public StringProperty filterTextProperty() {
    return filterText;
  }

  public ObjectProperty<StatusFilter> statusFilterProperty() {
    return statusFilter;
  }

  public ObjectProperty<OperationRow> selectedProperty() {
    return selected;
  }

  public ReadOnlyObjectProperty<Detail> detailProperty() {
    return detail.getReadOnlyProperty();
  }

  public ObservableList<LogEntry> log() {
    return logView;
  }

  public ReadOnlyStringProperty workersTextProperty() {
    return summary.workersText();
  }

  public ReadOnlyStringProperty budgetTextProperty() {
    return summary.budgetText();
  }

  public ReadOnlyStringProperty capacityTextProperty() {
    return summary.capacityText();
  }

  public ReadOnlyStringProperty coordinatorTextProperty() {
    return summary.coordinatorText();
  }

  /** The last thing the console did or was told, in words (the status line). */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** The id of the research this console triggered last. */
  public ReadOnlyObjectProperty<String> lastTriggeredProperty() {
    return lastTriggered.getReadOnlyProperty();
  }

  public AgentService agent() {
    return agent;
  }

  public OperationsService operations() {
    return ops;
  }

  static boolean isEnded(OperationStatus s) {
    return s != null && s.isTerminal();
  }
}
