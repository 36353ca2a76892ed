package dev.ktrdr.desktop.connect;

import dev.ktrdr.agent.reply.BudgetReply;
import dev.ktrdr.operations.EventRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.remote.RemoteException;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.wire.BudgetReport;
import dev.ktrdr.wire.DatasetInfo;
import dev.ktrdr.wire.OperationChanged;
import dev.ktrdr.wire.OperationData;
import dev.ktrdr.wire.OperationLog;
import dev.ktrdr.wire.Worker;
import dev.ktrdr.workers.WorkerSnapshot;
import dev.ktrdr.workers.WorkerType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The server's wire records as the console's own model, so that the window shows a connected server
 * with the very code that shows the engine in its own process. A value the console does not know (a
 * newer server's status, say) is a {@link RemoteException} saying which, never a half-read row.
 */
final class FromWire {
  private FromWire() {}

  /**
   * An operation as read over HTTP. The list and get replies carry no version, so such a snapshot
   * has version 0: older than any the event stream delivered, so a read never hides a newer event.
   */
  static Operation operation(OperationData d) {
    return operation(d, 0);
  }

  static Operation operation(OperationData d, long version) {
    return new Operation(
        d.operationId(),
        d.parentOperationId(),
        type(d.operationType()),
        status(d.status()),
        instant(d.createdAt()),
        instant(d.startedAt()),
        instant(d.completedAt()),
        d.progress() == null ? 0 : d.progress().percentage(),
        d.progress() == null ? null : d.progress().currentStep(),
        d.metadata() == null ? null : d.metadata().parameters(),
        d.errorMessage(),
        d.resultSummary(),
        null,
        version);
  }

  /**
   * One event of the stream as the engine would have published it. A catch-up snapshot (on connect
   * or after a reconnect) carries no line for the log and must not pop up "research completed" for
   * something that ended long ago, so it counts as a progress event: the table takes its state, the
   * log and the notices ignore it.
   */
  static OperationEvent event(OperationChanged c, Instant received, OperationStatus before) {
    Operation op = operation(c.operation(), c.version());
    OperationEvent.Kind kind =
        c.change() == OperationChanged.Change.SNAPSHOT
            ? OperationEvent.Kind.PROGRESS
            : OperationEvent.Kind.valueOf(c.change().name());
    OperationStatus from = c.fromStatus() == null ? null : status(c.fromStatus());
    // The stream sends one event per version: of a status change and a log line committed
    // together the console may get only the line. A live event whose status differs from the one
    // last seen is a status change all the same (the log and the notices need it).
    if (c.change() != OperationChanged.Change.SNAPSHOT
        && before != null
        && before != op.status()
        && kind != OperationEvent.Kind.STATUS) {
      kind = OperationEvent.Kind.STATUS;
      from = before;
    }
    OperationStatus to = kind == OperationEvent.Kind.STATUS ? op.status() : null;
    return new OperationEvent(
        received,
        op.operationId(),
        op.operationType(),
        op.parentOperationId(),
        kind,
        from,
        to,
        c.message(),
        op,
        c.version());
  }

  static EventRecord logLine(OperationLog.Line l) {
    OperationEvent.Kind kind =
        Arrays.stream(OperationEvent.Kind.values())
            .filter(k -> k.wire().equals(l.event()))
            .findFirst()
            .orElseThrow(() -> unknown("log event", l.event()));
    return new EventRecord(
        instant(l.ts()),
        l.operationId(),
        kind,
        l.fromStatus() == null ? null : status(l.fromStatus()),
        l.toStatus() == null ? null : status(l.toStatus()),
        l.message());
  }

  static WorkerSnapshot worker(Worker w) {
    WorkerType type =
        Arrays.stream(WorkerType.values())
            .filter(t -> t.wire().equals(w.workerType()))
            .findFirst()
            .orElseThrow(() -> unknown("worker type", w.workerType()));
    return new WorkerSnapshot(
        w.workerId(), type, w.status() == Worker.State.BUSY, w.currentOperationId());
  }

  static BudgetReply budget(BudgetReport b) {
    return new BudgetReply(b.date(), b.dailyLimit(), b.todaySpend(), b.remaining());
  }

  static DatasetSummary dataset(DatasetInfo d) {
    return new DatasetSummary(
        d.id(),
        d.symbol(),
        d.timeframe(),
        d.source(),
        instant(d.firstBar()),
        instant(d.lastBar()),
        d.barCount());
  }

  private static OperationType type(String wire) {
    return OperationType.fromWire(wire).orElseThrow(() -> unknown("operation type", wire));
  }

  private static OperationStatus status(String wire) {
    return OperationStatus.fromWire(wire).orElseThrow(() -> unknown("status", wire));
  }

  private static Instant instant(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      throw unknown("time", iso);
    }
  }

  private static RemoteException unknown(String what, String value) {
    return new RemoteException(
        "The server sent an unknown " + what + " '" + value + "' (is it a newer version?)");
  }
}
