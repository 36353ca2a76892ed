package dev.ktrdr.desktop;

import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.DataService;
import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.desktop.data.DatasetsModel;
import dev.ktrdr.desktop.detail.DetailModel;
import dev.ktrdr.desktop.lanes.LanesModel;
import dev.ktrdr.desktop.log.LogEntry;
import dev.ktrdr.desktop.log.LogExporter;
import dev.ktrdr.desktop.log.LogModel;
import dev.ktrdr.desktop.notify.Notice;
import dev.ktrdr.desktop.notify.NoticeBatcher;
import dev.ktrdr.desktop.shell.ConsoleBackend;
import dev.ktrdr.desktop.shell.Engine;
import dev.ktrdr.desktop.shell.LocalBackend;
import dev.ktrdr.desktop.shell.TaskExecutor;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.desktop.table.SnapshotOrder;
import dev.ktrdr.desktop.table.StatusFilter;
import dev.ktrdr.desktop.table.TableLoader;
import dev.ktrdr.desktop.table.TableModel;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationsService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's state, without any scene graph: one event stream in, fanned out to the table, the
 * detail, the worker lanes, the log and the pop-ups, in that order and in the same batch, so no
 * part of the window shows an older state than another. All methods run on the UI thread; service
 * calls go through the {@link TaskExecutor}.
 */
public final class ConsoleViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleViewModel.class);

  /** What the service answered to one row of a cancel. */
  public record CancelOutcome(String operationId, boolean success, String message) {}

  /** The outcome of an export, in words. */
  public record ExportResult(boolean ok, String message) {}

  private final Engine engine;
  private final TaskExecutor executor;
  private final Clock clock;
  private final TableModel table = new TableModel();
  private final TableLoader loader;
  private final DetailModel detail;
  private final LanesModel lanes = new LanesModel();
  private final DatasetsModel datasets;
  private final LogModel log = new LogModel();
  private final SummaryModel summary;
  private final ConsoleActions actions;
  private final NoticeBatcher notices;
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Ready");
  private final ReadOnlyObjectWrapper<String> lastTriggered = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<OperationRow> selectRequest = new ReadOnlyObjectWrapper<>();
  private final ObjectProperty<OperationRow> selected = new SimpleObjectProperty<>();
  private Consumer<Notice> noticeSink = n -> {};
  private final LanesFeed lanesFeed;
  private EventCoalescer coalescer;
  private String selectWhenSeen;

  public ConsoleViewModel(
      AgentService agent, OperationsService ops, TaskExecutor executor, Clock clock) {
    this(Engine.of(agent, ops), executor, clock);
  }

  /** A view model whose engine may still be opening ({@link Engine#starting()}). */
  public ConsoleViewModel(Engine engine, TaskExecutor executor, Clock clock) {
    this.engine = engine;
    this.executor = executor;
    this.clock = clock;
    this.loader = new TableLoader(engine, executor);
    this.detail = new DetailModel(engine, executor, clock);
    this.summary = new SummaryModel(engine, executor, clock, table::activeCount);
    this.notices = new NoticeBatcher(n -> noticeSink.accept(n));
    this.actions = new ConsoleActions(engine, executor, clock, new Feedback());
    this.lanesFeed = new LanesFeed(engine, executor, lanes);
    this.datasets = new DatasetsModel(engine, executor);
    detail.setOnError(e -> fail("Could not load the research", e));
    selected.addListener((o, a, row) -> detail.select(row));
  }

  /**
   * Subscribes to the engine's events; batches reach {@link #applyEvents} through {@code
   * uiDispatch} (the console passes {@code Platform::runLater}).
   */
  public EventCoalescer connect(Consumer<Runnable> uiDispatch) {
    EventCoalescer c = new EventCoalescer(uiDispatch, this::applyEvents);
    coalescer = c;
    engine.whenReady(
        () -> {
          if (coalescer == c) { // not disconnected meanwhile
            engine.backend().addListener(c);
          }
        });
    return c;
  }

  /** The engine has opened: listen to it and load everything. */
  public void attach(AgentService agent, OperationsService ops) {
    attach(agent, ops, null);
  }

  /** The engine has opened, with its datasets: listen to it, load everything and the datasets. */
  public void attach(AgentService agent, OperationsService ops, DataService data) {
    attach(new LocalBackend(agent, ops, data));
  }

  /**
   * The engine (here or on a server) has opened: listen to it, load everything and the datasets.
   */
  public void attach(ConsoleBackend backend) {
    engine.attach(backend);
    refresh();
  }

  /** Stops listening to the engine. */
  public void disconnect() {
    if (coalescer != null) {
      if (engine.ready()) {
        engine.backend().removeListener(coalescer);
      }
      coalescer = null;
    }
  }

  /** Where pop-up notices go (after batching); the window passes its toasts. */
  public void setNoticeSink(Consumer<Notice> sink) {
    this.noticeSink = Objects.requireNonNull(sink);
  }

  // ---- the event stream ----

  /** Applies one batch of committed changes; per operation only the newest snapshot counts. */
  public void applyEvents(List<OperationEvent> batch) {
    Instant now = clock.instant();
    Map<String, Operation> researches = new LinkedHashMap<>();
    Map<String, Operation> children = new LinkedHashMap<>();
    List<LogEntry> lines = new ArrayList<>();
    for (OperationEvent e : batch) {
      Operation op = e.operation();
      if (op != null) {
        Map<String, Operation> into = OperationRow.isResearch(op) ? researches : children;
        Operation held = into.get(e.operationId());
        if (held == null || !SnapshotOrder.isOlder(op, held.version())) {
          into.put(e.operationId(), op);
        }
      }
      if (e.kind() != OperationEvent.Kind.PROGRESS) {
        lines.add(LogEntry.of(e));
      }
      if (e.kind() == OperationEvent.Kind.STATUS
          && e.operationType() == OperationType.AGENT_RESEARCH
          && e.to() != null
          && e.to().isTerminal()) {
        notices.offer(Notices.ended(e), now);
      }
    }
    table.merge(researches.values(), now, true);
    table.mergeChildren(children.values(), now);
    detail.apply(batch);
    lanesFeed.apply(batch);
    log.append(lines);
    summary.markDirty();
    selectIfSeen();
  }

  private void selectIfSeen() {
    OperationRow row = selectWhenSeen == null ? null : table.row(selectWhenSeen);
    if (row != null) {
      selectWhenSeen = null;
      table.reveal(); // the user asked for this research: show it, and what came before it
      selectRequest.set(row);
    }
  }

  // ---- loading and ticking ----

  /** Reads every research (page by page: the table fills as they come), then the summary. */
  public void refresh() {
    if (!engine.ready()) {
      message.set("Opening the database…");
      return;
    }
    message.set("Loading researches…");
    datasets.refresh();
    loader.loadAll(
        new RefreshSink(table, lanes, clock, message::set, this::fail) {
          @Override
          public void done(int total) {
            super.done(total);
            summary.refresh();
            lanesFeed.readWorkers();
          }
        });
    detail.reload();
  }

  /** Called once a second: live durations and waits, the summary, the pop-up batch, the queue. */
  public void tick() {
    Instant now = clock.instant();
    table.tick(now);
    summary.refreshIfStale(now);
    notices.tick(now);
    lanesFeed.tick(now, table.all());
  }

  // ---- actions ----

  /**
   * Triggers a research; the answer (or refusal) is shown in words and passed to {@code done} (null
   * when the call failed, e.g. an invalid model). The new research is selected when it arrives.
   */
  public void trigger(
      String brief, String model, boolean bypassGates, boolean force, Consumer<TriggerReply> done) {
    trigger(brief, model, bypassGates, force, null, done);
  }

  /** A trigger on a dataset ({@code datasetId} null: the design chooses, as without one). */
  public void trigger(
      String brief,
      String model,
      boolean bypassGates,
      boolean force,
      String datasetId,
      Consumer<TriggerReply> done) {
    actions.trigger(brief, model, bypassGates, force, datasetId, done);
  }

  /** The datasets the trigger bar offers, and imports. */
  public DatasetsModel datasets() {
    return datasets;
  }

  /** Cancels one research; a refusal is a pop-up. The caller confirmed with the user. */
  public void cancel(OperationRow row) {
    cancelAll(
        List.of(row),
        outcomes -> {
          CancelOutcome o = outcomes.get(0);
          if (!o.success()) {
            publishNotice(
                new Notice(Notice.Level.WARNING, o.operationId(), "Cancel refused", o.message()));
          }
        });
  }

  /** Cancels several researches and reports one outcome per row, in order, to {@code done}. */
  public void cancelAll(List<OperationRow> targets, Consumer<List<CancelOutcome>> done) {
    actions.cancelAll(targets, done);
  }

  /** Exports all persisted events, or those of the shown rows and their children. */
  public void exportLogs(
      Path file, LogExporter.Format format, boolean visibleOnly, Consumer<ExportResult> done) {
    List<String> ids = visibleOnly ? table.shown().stream().map(OperationRow::id).toList() : null;
    actions.exportLogs(file, format, ids, done);
  }

  /** Shows {@code text} in the status line and the log pane (the console's own remarks). */
  public void say(String text) {
    message.set(text);
    note(null, text);
  }

  public void publishNotice(Notice n) {
    notices.offer(n, clock.instant());
  }

  private void note(String operationId, String text) {
    log.append(
        List.of(new LogEntry(clock.instant(), operationId, LogEntry.DESKTOP, null, null, text)));
  }

  private void fail(String what, Throwable e) {
    LOG.warn("{}", what, e);
    String text = what + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
    message.set(text);
    noticeSink.accept(new Notice(Notice.Level.ERROR, null, what, text));
  }

  /** How the actions report back. */
  private final class Feedback implements ConsoleActions.Feedback {
    @Override
    public void say(String text) {
      message.set(text);
    }

    @Override
    public void note(String operationId, String text) {
      ConsoleViewModel.this.note(operationId, text);
    }

    @Override
    public void notice(Notice n) {
      publishNotice(n);
    }

    @Override
    public void fail(String what, Throwable e) {
      ConsoleViewModel.this.fail(what, e);
    }

    @Override
    public void triggered(String operationId) {
      lastTriggered.set(operationId);
      selectWhenSeen = operationId;
      selectIfSeen();
    }

    @Override
    public void updated(Operation research) {
      table.merge(List.of(research), clock.instant(), true);
      detail.touch();
    }
  }

  // ---- reading ----

  public OperationRow row(String id) {
    return table.row(id);
  }

  /** Every research row, in the order the console learnt of them. */
  public List<OperationRow> rows() {
    return table.all();
  }

  /** The rows shown (filtered, sorted, none moving while held): the table's items. */
  public ObservableList<OperationRow> visibleRows() {
    return table.shown();
  }

  public TableModel table() {
    return table;
  }

  public DetailModel detail() {
    return detail;
  }

  public LanesModel lanes() {
    return lanes;
  }

  public LogModel logModel() {
    return log;
  }

  public javafx.beans.property.StringProperty filterTextProperty() {
    return table.filterTextProperty();
  }

  public ObjectProperty<StatusFilter> statusFilterProperty() {
    return table.statusFilterProperty();
  }

  /** The selected research (the view binds it to the table's selection). */
  public ObjectProperty<OperationRow> selectedProperty() {
    return selected;
  }

  /** A research the console wants selected (the one just triggered here), once it arrived. */
  public ReadOnlyObjectProperty<OperationRow> selectRequestProperty() {
    return selectRequest.getReadOnlyProperty();
  }

  /** The log pane's lines, with any still waiting for the next refresh taken in. */
  public ObservableList<LogEntry> log() {
    log.flush();
    return log.lines();
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

  public Clock clock() {
    return clock;
  }
}
