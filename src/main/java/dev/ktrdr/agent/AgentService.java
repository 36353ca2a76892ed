package dev.ktrdr.agent;

import dev.ktrdr.agent.budget.Budget;
import dev.ktrdr.agent.reply.BudgetReply;
import dev.ktrdr.agent.reply.CancelRefused;
import dev.ktrdr.agent.reply.CancelReply;
import dev.ktrdr.agent.reply.Cancelled;
import dev.ktrdr.agent.reply.StatusReply;
import dev.ktrdr.agent.reply.TriggerRefused;
import dev.ktrdr.agent.reply.TriggerReply;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.operations.CancelRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Research;
import dev.ktrdr.operations.Transition;
import dev.ktrdr.research.design.DesignRequest;
import dev.ktrdr.workers.WorkerRegistry;
import dev.ktrdr.workers.WorkerSnapshot;
import dev.ktrdr.workers.WorkerType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point to researches for every face: the desktop, the HTTP API and (through the API)
 * the CLI call these same methods. All methods are thread-safe; they block only for reads (which
 * never wait for writes) and for their own commit. Call them off the FX thread.
 *
 * <p>A cancel waits for nothing of another research: it takes only its own research's lane (held at
 * most for one step of that research) and its commit is queued ahead of routine writes.
 */
public final class AgentService {
  private static final Logger log = LoggerFactory.getLogger(AgentService.class);

  private final OperationsService ops;
  private final WorkerRegistry workers;
  private final ChildTasks tasks;
  private final Budget budget;
  private final ResearchCoordinator coordinator;
  private final ResearchLanes lanes;
  private final WorkerQueue queue;
  private final ResearchEnd end;
  private final IntSupplier concurrencyLimit;
  private final DatasetResolver datasets;

  AgentService(
      OperationsService ops,
      WorkerRegistry workers,
      ChildTasks tasks,
      Budget budget,
      ResearchCoordinator coordinator,
      ResearchLanes lanes,
      WorkerQueue queue,
      ResearchEnd end,
      IntSupplier concurrencyLimit,
      DatasetResolver datasets) {
    this.ops = ops;
    this.workers = workers;
    this.tasks = tasks;
    this.budget = budget;
    this.coordinator = coordinator;
    this.lanes = lanes;
    this.queue = queue;
    this.end = end;
    this.concurrencyLimit = concurrencyLimit;
    this.datasets = datasets;
  }

  /**
   * Starts a research: budget first, then capacity ({@code force} overrides both), then create and
   * start it, and schedule its first step. The capacity check and the insert are one commit, so
   * concurrent triggers cannot overshoot the limit; returns once that commit is durable.
   *
   * <p>The dataset (by id, or by symbol and/or timeframe) is checked here, so an unknown one is
   * refused before anything starts; without one the design chooses from the brief. The seed (given,
   * or drawn here) is recorded in the research, so the research can be repeated.
   *
   * @throws ValidationException for an unknown model or dataset, an over-long brief or a bad seed
   */
  public TriggerReply trigger(TriggerRequest request) {
    String brief =
        request.brief() == null || request.brief().isBlank()
            ? TriggerRequest.DEFAULT_BRIEF
            : request.brief().strip();
    if (brief.length() > TriggerRequest.MAX_BRIEF_LENGTH) {
      throw new ValidationException(
          "brief is too long: "
              + brief.length()
              + " characters, at most "
              + TriggerRequest.MAX_BRIEF_LENGTH);
    }
    Model model =
        request.model() == null || request.model().isBlank()
            ? Model.DEFAULT
            : Model.resolve(request.model())
                .orElseThrow(
                    () ->
                        new ValidationException(
                            "Unknown model '" + request.model() + "': use " + Model.choices()));
    if (!request.force() && !budget.canStartResearch()) {
      return TriggerRefused.budgetExhausted(
          String.format(
              "Daily budget exhausted: $%.2f remaining of $%.2f",
              budget.remaining(), budget.dailyLimit()));
    }
    long seed = seed(request.seed());
    String datasetId =
        datasets.resolve(
            blankToNull(request.datasetId()),
            blankToNull(request.symbol()),
            blankToNull(request.timeframe()));
    Research state =
        Research.triggered(brief, model.id(), request.bypassGates())
            .withStrategy(new Research.Strategy(null, null, datasetId, seed));
    TriggerReply reply =
        ops.inTransaction(
            w -> {
              if (!request.force()) {
                int active = w.countActive(OperationType.AGENT_RESEARCH);
                int limit = concurrencyLimit.getAsInt();
                if (active >= limit) {
                  return TriggerRefused.atCapacity(active, limit);
                }
              }
              Operation research = w.insertResearch(state);
              w.transition(research.operationId(), OperationStatus.RUNNING, null, null, "started");
              queue.ordinal(research.operationId()); // on the writer: creation order
              return new Triggered(research.operationId(), model.id());
            },
            true);
    if (reply instanceof Triggered) {
      String id = ((Triggered) reply).operationId();
      log.debug(
          "Research {} triggered (model {}{}{})",
          id,
          model.alias(),
          request.bypassGates() ? ", gates bypassed" : "",
          request.force() ? ", forced" : "");
      coordinator.schedule(id);
      coordinator.wake();
    }
    return reply;
  }

  private static long seed(Long given) {
    if (given == null) {
      return ThreadLocalRandom.current().nextLong(DesignRequest.MAX_SEED + 1);
    }
    if (given < 0 || given > DesignRequest.MAX_SEED) {
      throw new ValidationException(
          "seed must be a whole number from 0 to " + DesignRequest.MAX_SEED + ", not " + given);
    }
    return given;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** {@link #cancel(String, String, CancelSource)} with the default reason, as the API. */
  public CancelReply cancel(String operationId) {
    return cancel(operationId, null, CancelSource.API);
  }

  /**
   * Cancels one research and everything it has running, leaving the others untouched. Once this
   * returns the research is {@code cancelled} in the database with its cancel record (a blank
   * reason is the default one), its task is cancelled and forgotten, its children are cancelled and
   * their workers free. A research that already ended is refused with {@code not_cancellable}.
   */
  public CancelReply cancel(String operationId, String reason, CancelSource by) {
    return cancel(operationId, reason, by.wire());
  }

  /**
   * As {@link #cancel(String, String, CancelSource)}, with who asked named freely: the name of an
   * authenticated caller (a named API token), recorded as {@code cancelled_by}.
   */
  public CancelReply cancel(String operationId, String reason, String requestedBy) {
    CancelRecord record = new CancelRecord(reason, requestedBy, ops.clock().instant());
    // Decided inside the commit, in the research's lane: no read of its own, no other lane.
    ResearchEnd.Outcome o = lanes.call(operationId, () -> end.cancel(operationId, record));
    if (o.applied()) {
      return new Cancelled(operationId, o.childCancelled());
    }
    if (o.type() == null) {
      return CancelRefused.notFound(operationId);
    }
    if (o.type() != OperationType.AGENT_RESEARCH) {
      return CancelRefused.notResearch(operationId);
    }
    return CancelRefused.notCancellable(o.status());
  }

  /**
   * The generic operations cancel: a research is cancelled as by {@link #cancel}; a child of an
   * active research cancels that research (and so itself); an active child of an ended research is
   * cancelled alone. Every path records the same normalised reason.
   */
  public CancelReply cancelOperation(String operationId, String reason, CancelSource by) {
    return cancelOperation(operationId, reason, by.wire());
  }

  /** As {@link #cancelOperation(String, String, CancelSource)}, with who asked named freely. */
  public CancelReply cancelOperation(String operationId, String reason, String by) {
    Optional<Operation> found = ops.get(operationId);
    if (found.isEmpty()) {
      return CancelRefused.notFound(operationId);
    }
    Operation op = found.get();
    if (op.operationType() == OperationType.AGENT_RESEARCH) {
      return cancel(operationId, reason, by);
    }
    if (!op.isActive()) {
      return CancelRefused.notCancellable(op.status());
    }
    String parentId = op.parentOperationId();
    if (parentId != null) {
      CancelReply reply = cancel(parentId, reason, by);
      if (reply.success()) {
        return new Cancelled(parentId, operationId);
      }
    }
    CancelRecord record = new CancelRecord(reason, by, ops.clock().instant());
    Transition t =
        lanes.call(
            parentId == null ? operationId : parentId, () -> end.cancelStray(operationId, record));
    return t.applied()
        ? Cancelled.operation(operationId)
        : CancelRefused.notCancellable(t.current());
  }

  /** The coordinator, workers, budget and capacity at this moment. */
  public StatusReply getStatus() {
    Instant now = ops.clock().instant();
    List<StatusReply.ActiveResearch> list = new ArrayList<>();
    List<Operation> active = ops.active(OperationType.AGENT_RESEARCH);
    for (Operation r : active) {
      list.add(
          new StatusReply.ActiveResearch(
              r.operationId(),
              ResearchParams.phase(r).wire(),
              r.param(ResearchParams.STRATEGY_NAME),
              round(r.durationSeconds(now)),
              ResearchParams.currentChildId(r)));
    }
    Map<String, StatusReply.WorkerCount> w = new LinkedHashMap<>();
    for (WorkerType type : WorkerType.values()) {
      w.put(type.wire(), new StatusReply.WorkerCount(workers.busy(type), workers.total(type)));
    }
    return new StatusReply(
        list,
        coordinator.lastCycle(),
        w,
        new StatusReply.BudgetSummary(
            budget.remaining().doubleValue(), budget.dailyLimit().doubleValue()),
        new StatusReply.Capacity(active.size(), concurrencyLimit.getAsInt()));
  }

  public BudgetReply budget() {
    return new BudgetReply(
        budget.today().toString(),
        budget.dailyLimit().doubleValue(),
        budget.todaySpend().doubleValue(),
        budget.remaining().doubleValue());
  }

  public List<WorkerSnapshot> workers() {
    return workers.snapshot();
  }

  public int concurrencyLimit() {
    return concurrencyLimit.getAsInt();
  }

  /** Tasks in-process right now, by research id (for diagnostics and tests). */
  public ChildTasks childTasks() {
    return tasks;
  }

  /** True when the coordinator loop is marked running but its thread is dead (for /health). */
  public boolean coordinatorStalled() {
    return coordinator.isStalled();
  }

  public ResearchCoordinator coordinator() {
    return coordinator;
  }

  /** How many researches wait for a worker of {@code type} (for tests and diagnostics). */
  int waitingFor(WorkerType type) {
    return queue.size(type);
  }

  /**
   * On start-up: settles children left active by a previous process whose research has ended or no
   * longer points at them, then schedules a step of every active research (oldest first) and starts
   * the coordinator. The steps restart orphaned current children (SPEC §9).
   */
  public int resumeIfNeeded() {
    List<Operation> active = ops.active(OperationType.AGENT_RESEARCH);
    for (Operation r : active) {
      queue.ordinal(r.operationId()); // database order: oldest first
    }
    settleStrayChildren();
    for (Operation r : active) {
      coordinator.schedule(r.operationId());
    }
    if (!active.isEmpty()) {
      log.info("Resuming {} active research(es) from the database", active.size());
      coordinator.wake();
    }
    return active.size();
  }

  /**
   * Each active child that is not its active research's current child is ended. Decided in its
   * research's lane, on a fresh read: the API may already be triggering, and a child a step creates
   * meanwhile is the research's current child, not a stray.
   */
  private void settleStrayChildren() {
    for (OperationType type : OperationType.values()) {
      if (type == OperationType.AGENT_RESEARCH) {
        continue;
      }
      for (Operation child : ops.active(type)) {
        String parent = child.parentOperationId();
        lanes.run(parent == null ? child.operationId() : parent, () -> settle(child, parent));
      }
    }
  }

  private void settle(Operation child, String parentId) {
    Optional<Operation> parent = parentId == null ? Optional.empty() : ops.get(parentId);
    boolean parentActive = parent.map(Operation::isActive).orElse(false);
    if (parentActive && child.operationId().equals(ResearchParams.currentChildId(parent.get()))) {
      return; // the research's step decides about its current child
    }
    String reason = parentActive ? ResearchStepper.ORPHANED : "Parent research ended";
    Transition t =
        parentActive
            ? ops.fail(child.operationId(), reason)
            : ops.cancel(child.operationId(), reason);
    if (t.applied()) {
      log.debug("Settled stray child {} of {}: {}", child.operationId(), parentId, reason);
    }
  }

  private static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }

  /** The statuses a cancel accepts, for callers that want to grey out a button. */
  public static boolean isCancellable(Operation op) {
    return op.operationType() == OperationType.AGENT_RESEARCH
        && OperationStatus.ACTIVE.contains(op.status());
  }
}
