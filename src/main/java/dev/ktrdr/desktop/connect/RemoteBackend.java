package dev.ktrdr.desktop.connect;

import dev.ktrdr.agent.CancelSource;
import dev.ktrdr.agent.TriggerRequest;
import dev.ktrdr.agent.ValidationException;
import dev.ktrdr.agent.reply.BudgetReply;
import dev.ktrdr.agent.reply.CancelRefused;
import dev.ktrdr.agent.reply.CancelReply;
import dev.ktrdr.agent.reply.Cancelled;
import dev.ktrdr.agent.reply.TriggerRefused;
import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.desktop.shell.ConsoleBackend;
import dev.ktrdr.operations.EventRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationListener;
import dev.ktrdr.operations.OperationPage;
import dev.ktrdr.operations.OperationQuery;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.remote.OperationFeed;
import dev.ktrdr.remote.RemoteServer;
import dev.ktrdr.remote.Reply;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.data.ImportResult;
import dev.ktrdr.wire.CancelRefusal;
import dev.ktrdr.wire.CancelSuccess;
import dev.ktrdr.wire.OperationChanged;
import dev.ktrdr.wire.OperationData;
import dev.ktrdr.wire.OperationList;
import dev.ktrdr.wire.TriggerRefusal;
import dev.ktrdr.workers.WorkerSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A {@code ktrdr serve} on another machine (or this one), as the console's backend: every action is
 * the server's HTTP route (the same service method behind it), and the live changes come from its
 * event stream ({@code GET /api/v1/events}), which resumes after the last event id when the
 * connection drops. There is no coordinator here: closing this console stops nothing on the server.
 *
 * <p>The cancel names the console as its client and carries the token, so the server records who
 * cancelled from the token, and two consoles cancelling one research get one success and one
 * refusal saying why.
 */
public final class RemoteBackend implements ConsoleBackend, AutoCloseable {
  private final RemoteServer server;
  private final Clock clock;
  private final List<OperationListener> listeners = new CopyOnWriteArrayList<>();
  private volatile BiConsumer<OperationFeed.State, String> onState = (s, detail) -> {};
  private OperationFeed feed;

  /**
   * The status each operation had in the last event seen (the feed calls on one thread at a time,
   * but not always the same one).
   */
  private final Map<String, OperationStatus> statuses = new ConcurrentHashMap<>();

  public RemoteBackend(RemoteServer server, Clock clock) {
    this.server = server;
    this.clock = clock;
  }

  /**
   * Where the event stream's state goes (live, reconnecting and why); called on the feed's thread.
   */
  public void onState(BiConsumer<OperationFeed.State, String> sink) {
    this.onState = sink;
  }

  @Override
  public TriggerReply trigger(TriggerRequest r) {
    Reply<dev.ktrdr.wire.Triggered, TriggerRefusal> reply =
        server.triggerReply(
            new dev.ktrdr.wire.TriggerRequest(
                r.brief(),
                r.model(),
                r.bypassGates() ? Boolean.TRUE : null,
                r.force() ? Boolean.TRUE : null,
                r.datasetId(),
                r.symbol(),
                r.timeframe(),
                r.seed()));
    if (reply.done() != null) {
      return new Triggered(reply.done().operationId(), reply.done().model());
    }
    TriggerRefusal no = reply.refused();
    if (no == null) {
      throw new ValidationException(reply.invalid());
    }
    if (no.reason() == TriggerRefusal.Reason.AT_CAPACITY
        && no.activeCount() != null
        && no.limit() != null) {
      return TriggerRefused.atCapacity(no.activeCount(), no.limit());
    }
    return TriggerRefused.budgetExhausted(no.message());
  }

  @Override
  public CancelReply cancel(String researchId, CancelSource by) {
    // Who cancelled comes from the server's side (the token, and X-Ktrdr-Client: desktop).
    Reply<CancelSuccess, CancelRefusal> reply = server.cancelReply(researchId, null);
    if (reply.done() != null) {
      CancelSuccess ok = reply.done();
      return new Cancelled(ok.operationId(), ok.childCancelled(), ok.message());
    }
    CancelRefusal no = reply.refused();
    if (no == null) {
      throw new ValidationException(reply.invalid());
    }
    return new CancelRefused(CancelRefused.Reason.valueOf(no.reason().name()), no.message());
  }

  @Override
  public List<WorkerSnapshot> workers() {
    return server.workers().stream().map(FromWire::worker).toList();
  }

  @Override
  public BudgetReply budget() {
    return FromWire.budget(server.budget());
  }

  @Override
  public int concurrencyLimit() {
    return server.status().capacity().limit();
  }

  @Override
  public OperationPage list(OperationQuery q) {
    if (q.parentOperationId() != null || q.status() != null || q.activeOnly()) {
      throw new IllegalArgumentException("A connected console lists operations by type only");
    }
    OperationList page =
        server.operations(q.type() == null ? null : q.type().wire(), q.limit(), q.offset());
    return new OperationPage(operations(page.data()), page.totalCount(), page.activeCount());
  }

  @Override
  public Optional<Operation> get(String id) {
    return server.operation(id).map(FromWire::operation);
  }

  @Override
  public List<Operation> getAll(Collection<String> ids) {
    List<Operation> out = new ArrayList<>();
    for (String id : ids) {
      get(id).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public List<Operation> children(String parentId) {
    return operations(server.children(parentId));
  }

  @Override
  public List<EventRecord> history(String operationId, int limit) {
    if (operationId == null) {
      throw new IllegalStateException(
          "A connected console exports the log of chosen researches: select them first");
    }
    return server.log(operationId, limit).stream().map(FromWire::logLine).toList();
  }

  /** The first listener opens the event stream; it stays open until {@link #close()}. */
  @Override
  public synchronized void addListener(OperationListener listener) {
    listeners.add(listener);
    if (feed == null) {
      feed =
          new OperationFeed(
                  server,
                  new OperationFeed.Listener() {
                    @Override
                    public void onOperation(OperationChanged change) {
                      OperationStatus before =
                          statuses.put(
                              change.operation().operationId(),
                              FromWire.operation(change.operation()).status());
                      var event = FromWire.event(change, clock.instant(), before);
                      for (OperationListener l : listeners) {
                        l.onEvent(event);
                      }
                    }

                    @Override
                    public void onState(OperationFeed.State state, String detail) {
                      onState.accept(state, detail);
                    }
                  })
              .start();
    }
  }

  @Override
  public void removeListener(OperationListener listener) {
    listeners.remove(listener);
  }

  @Override
  public List<DatasetSummary> datasets() {
    return server.datasets().stream().map(FromWire::dataset).toList();
  }

  @Override
  public ImportResult importCsv(
      String csv, String fileName, String symbol, String timeframe, String name) {
    throw new IllegalStateException(
        "A connected console cannot import files yet: on any machine, run `ktrdr data import "
            + fileName
            + "` with KTRDR_API_URL="
            + server.url());
  }

  @Override
  public String describe() {
    return server.url();
  }

  /** Closes the event stream. Nothing on the server stops. */
  @Override
  public synchronized void close() {
    if (feed != null) {
      feed.close();
      feed = null;
    }
  }

  private static List<Operation> operations(List<OperationData> data) {
    List<Operation> out = new ArrayList<>(data.size());
    for (OperationData d : data) {
      out.add(FromWire.operation(d));
    }
    return out;
  }
}
