package dev.ktrdr.api;

import dev.ktrdr.agent.reply.BudgetReply;
import dev.ktrdr.agent.reply.CancelRefused;
import dev.ktrdr.agent.reply.CancelReply;
import dev.ktrdr.agent.reply.Cancelled;
import dev.ktrdr.agent.reply.StatusReply;
import dev.ktrdr.agent.reply.TriggerRefused;
import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.Timestamps;
import dev.ktrdr.research.backtest.BacktestResult;
import dev.ktrdr.research.backtest.Trade;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.data.ImportReport;
import dev.ktrdr.research.data.ImportResult;
import dev.ktrdr.wire.BacktestReply;
import dev.ktrdr.wire.BudgetReport;
import dev.ktrdr.wire.CancelRefusal;
import dev.ktrdr.wire.CancelSuccess;
import dev.ktrdr.wire.DatasetInfo;
import dev.ktrdr.wire.ImportReply;
import dev.ktrdr.wire.OperationData;
import dev.ktrdr.wire.Status;
import dev.ktrdr.wire.TriggerRefusal;
import dev.ktrdr.wire.Worker;
import dev.ktrdr.workers.WorkerSnapshot;
import dev.ktrdr.workers.WorkerType;
import dev.ktrdr.workers.local.BacktestJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Service results to wire records: the only place that knows both. Each mapping is total over the
 * sealed result types, so a new kind of result cannot reach the wire unmapped.
 */
final class WireMapping {
  private WireMapping() {}

  /** A body and the HTTP status it is sent with. */
  record Answer(int status, Object body) {}

  static Answer trigger(TriggerReply reply) {
    if (reply instanceof Triggered) {
      Triggered t = (Triggered) reply;
      return new Answer(202, dev.ktrdr.wire.Triggered.of(t.operationId(), t.model(), t.message()));
    }
    if (reply instanceof TriggerRefused.AtCapacity) {
      TriggerRefused.AtCapacity a = (TriggerRefused.AtCapacity) reply;
      return new Answer(409, TriggerRefusal.atCapacity(a.activeCount(), a.limit(), a.message()));
    }
    return new Answer(409, TriggerRefusal.budgetExhausted(reply.message()));
  }

  static Answer cancel(CancelReply reply) {
    if (reply instanceof Cancelled) {
      Cancelled c = (Cancelled) reply;
      return new Answer(200, CancelSuccess.of(c.operationId(), c.childCancelled(), c.message()));
    }
    CancelRefused r = (CancelRefused) reply;
    switch (r.reason()) {
      case NOT_FOUND:
        return new Answer(404, CancelRefusal.of(CancelRefusal.Reason.NOT_FOUND, r.message()));
      case NOT_RESEARCH:
        return new Answer(404, CancelRefusal.of(CancelRefusal.Reason.NOT_RESEARCH, r.message()));
      case NOT_CANCELLABLE:
        return new Answer(409, CancelRefusal.of(CancelRefusal.Reason.NOT_CANCELLABLE, r.message()));
      default:
        throw new IllegalStateException("Unmapped cancel refusal " + r.reason());
    }
  }

  static Status status(StatusReply s) {
    List<Status.ActiveResearch> active =
        s.activeResearches().stream()
            .map(
                r ->
                    new Status.ActiveResearch(
                        r.operationId(),
                        r.phase(),
                        r.strategyName(),
                        r.durationSeconds(),
                        r.childOperationId()))
            .collect(Collectors.toList());
    Status.LastCycle last =
        s.lastCycle() == null
            ? null
            : new Status.LastCycle(
                s.lastCycle().startedAt(),
                s.lastCycle().durationMs(),
                s.lastCycle().researches(),
                s.lastCycle().errors());
    return new Status(
        s.isActive() ? Status.State.ACTIVE : Status.State.IDLE,
        active,
        last,
        new Status.Workers(
            count(s.workers(), WorkerType.TRAINING), count(s.workers(), WorkerType.BACKTESTING)),
        new Status.Budget(s.budget().remaining(), s.budget().dailyLimit()),
        new Status.Capacity(s.capacity().active(), s.capacity().limit()));
  }

  private static Status.WorkerCount count(Map<String, StatusReply.WorkerCount> m, WorkerType t) {
    StatusReply.WorkerCount c = m.get(t.wire());
    return c == null ? new Status.WorkerCount(0, 0) : new Status.WorkerCount(c.busy(), c.total());
  }

  static BudgetReport budget(BudgetReply b) {
    return new BudgetReport(b.date(), b.dailyLimit(), b.todaySpend(), b.remaining());
  }

  static Worker worker(WorkerSnapshot w) {
    return new Worker(
        w.workerId(),
        w.workerType().wire(),
        w.busy() ? Worker.State.BUSY : Worker.State.AVAILABLE,
        w.currentOperationId());
  }

  /** An operation as of {@code now} (for the duration of one still running). */
  static OperationData operation(Operation op, Instant now) {
    return new OperationData(
        op.operationId(),
        op.parentOperationId(),
        op.operationType().wire(),
        op.status().wire(),
        Timestamps.format(op.createdAt()),
        Timestamps.format(op.startedAt()),
        Timestamps.format(op.completedAt()),
        new OperationData.Progress(op.progressPercentage(), op.currentStep()),
        new OperationData.Metadata(op.parameters()),
        op.errorMessage(),
        op.resultSummary(),
        Math.round(op.durationSeconds(now) * 10) / 10.0);
  }

  static DatasetInfo dataset(DatasetSummary d) {
    return new DatasetInfo(
        d.id(),
        d.symbol(),
        d.timeframe(),
        Timestamps.format(d.firstBar()),
        Timestamps.format(d.lastBar()),
        d.barCount(),
        d.source());
  }

  static ImportReply imported(ImportResult result) {
    ImportReport r = result.report();
    ImportReport.GapSummary g = r.gaps();
    return new ImportReply(
        true,
        dataset(result.dataset().summary()),
        new ImportReply.Report(
            r.rowsRead(),
            r.barsImported(),
            lines(r.duplicates()),
            lines(r.unsortedRows()),
            lines(r.nonPositivePrices()),
            lines(r.missingValues()),
            lines(r.inconsistentRows()),
            new ImportReply.Gaps(
                g.count(), g.largest().toSeconds(), Timestamps.format(g.largestAfter())),
            r.notes(),
            r.clean()),
        r.describe());
  }

  private static ImportReply.Lines lines(ImportReport.LineSample s) {
    return new ImportReply.Lines(s.count(), s.lines());
  }

  static BacktestReply backtest(
      String dataset, String strategy, Map<String, Double> params, BacktestResult r) {
    List<Trade> trades = r.trades();
    int kept = Math.min(trades.size(), BacktestJob.MAX_TRADES);
    return new BacktestReply(
        true,
        dataset,
        strategy,
        params,
        r.positionMode(),
        r.commission(),
        r.bars(),
        Timestamps.format(r.start()),
        Timestamps.format(r.end()),
        new BacktestReply.Metrics(
            r.sharpeRatio(),
            r.winRate(),
            r.maxDrawdown(),
            r.totalReturn(),
            r.totalTrades(),
            r.buyAndHoldReturn(),
            r.exposure(),
            r.averageTradeReturn()),
        r.equityCurve().stream()
            .map(
                p ->
                    new BacktestReply.EquityPoint(
                        Timestamps.format(p.time()), p.equity(), p.buyAndHold()))
            .collect(Collectors.toList()),
        trades.subList(0, kept).stream()
            .map(
                t ->
                    new BacktestReply.Trade(
                        t.direction(),
                        Timestamps.format(t.entryTime()),
                        t.entryPrice(),
                        Timestamps.format(t.exitTime()),
                        t.exitPrice(),
                        t.netReturn(),
                        t.barsHeld(),
                        t.exitReason()))
            .collect(Collectors.toList()),
        trades.size() - kept);
  }
}
