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
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Timestamps;
import dev.ktrdr.operations.Transition;
import dev.ktrdr.workers.WorkerRegistry;
import dev.ktrdr.workers.WorkerSnapshot;
import dev.ktrdr.workers.WorkerType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point to researches for every face: the desktop, the HTTP API and (through the API)
 * the CLI call these same methods. All methods are thread-safe and block only for database round
 * trips; call them off the FX thread.
 */
public final class AgentService {
  private static final Logger log = LoggerFactory.getLogger(AgentService.class);

  private final OperationsService ops;
  private final WorkerRegistry workers;
  private final ChildTasks tasks;
  private final Budget budget;
  private final ResearchCoordinator coordinator;
  private final ResearchGuard guard;
  private final ResearchTeardown teardown;
  private final int concurrencyLimit;
  private final Object triggerLock = new Object();

  AgentService(
      OperationsService ops,
      WorkerRegistry workers,
      ChildTasks tasks,
      Budget budget,
      ResearchCoordinator coordinator,
      ResearchGuard guard,
      ResearchTeardown teardown,
      int concurrencyLimit) {
    this.ops = ops;
    this.workers = workers;
    this.tasks = tasks;
    this.budget = budget;
    this.coordinator = coordinator;
    this.guard = guard;
    this.teardown = teardown;
    this.concurrencyLimit = concurrencyLimit;
  }

  /**
   * Starts a research: budget first, then capacity ({@code force} overrides both), then create,
   * start and wake the coordinator.
   *
   * @throws ValidationException for an unknown model or an over-long brief
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
    synchronized (triggerLock) { // the capacity check and the insert must not interleave
      if (!request.force() && !budget.canStartResearch()) {
        return TriggerRefused.budgetExhausted(
            String.format(
                "Daily budget exhausted: $%.2f remaining of $%.2f",
                budget.remaining(), budget.dailyLimit()));
      }
      int active = ops.countActive(OperationType.AGENT_RESEARCH);
      if (!request.force() && active >= concurrencyLimit) {
        return TriggerRefused.atCapacity(active, concurrencyLimit);
      }
      Map<String, Object> params = new LinkedHashMap<>();
      params.put(ResearchParams.PHASE, Phase.IDLE.wire());
      params.put(ResearchParams.BRIEF, brief);
      params.put(ResearchParams.MODEL, model.id());
      params.put(ResearchParams.BYPASS_GATES, request.bypassGates());
      Operation research = ops.create(OperationType.AGENT_RESEARCH, null, params);
      ops.start(research.operationId());
      log.info(
          "Research {} triggered (model {}{}{})",
          research.operationId(),
          model.alias(),
          request.bypassGates() ? ", gates bypassed" : "",
          request.force() ? ", forced" : "");
      coordinator.wake();
      return new Triggered(research.operationId(), model.id());
    }
  }

  /** {@link #cancel(String, String, CancelSource)} with the default reason, as the API. */
  public CancelReply cancel(String operationId) {
    return cancel(operationId, null, CancelSource.API);
  }

  /**
   * Cancels one research and everything it has running, leaving the others untouched. Atomic with
   * respect to the coordinator: once this returns the research is {@code cancelled} in the
   * database, its task is cancelled and forgotten, its current child is cancelled and its worker is
   * free. A research that already ended is refused with {@code not_cancellable}.
   */
  public CancelReply cancel(String operationId, String reason, CancelSource by) {
    String why =
        reason == null || reason.isBlank() ? ResearchParams.DEFAULT_CANCEL_REASON : reason.strip();
    return guard.call(
        () -> {
          Optional<Operation> found = ops.get(operationId);
          if (found.isEmpty()) {
            return CancelRefused.notFound(operationId);
          }
          Operation op = found.get();
          if (op.operationType() != OperationType.AGENT_RESEARCH) {
            return CancelRefused.notResearch(operationId);
          }
          if (!op.isActive()) {
            return CancelRefused.notCancellable(op.status());
          }
          String childId = ResearchParams.currentChildId(op);
          Map<String, Object> record = new LinkedHashMap<>();
          record.put(ResearchParams.CANCEL_REASON, why);
          record.put(ResearchParams.CANCELLED_BY, by.wire());
          record.put(ResearchParams.CANCELLED_AT, Timestamps.format(ops.clock().instant()));
          Transition t = ops.cancel(operationId, why, record);
          if (!t.applied()) {
            return CancelRefused.notCancellable(t.current());
          }
          String cancelledChild = teardown.stop(operationId, childId, "Parent research cancelled");
          ops.log(
              operationId,
              "Cancelled by "
                  + by.wire()
                  + ": "
                  + why
                  + (cancelledChild == null ? "" : " (child " + cancelledChild + " cancelled)"));
          log.info(
              "Research {} cancelled by {} ({}), child: {}",
              operationId,
              by.wire(),
              why,
              cancelledChild);
          return new Cancelled(operationId, cancelledChild);
        });
  }

  /**
   * The generic operations cancel: a research is cancelled as by {@link #cancel}; a child of an
   * active research cancels that research (and so itself); an active child of an ended research is
   * cancelled alone.
   */
  public CancelReply cancelOperation(String operationId, String reason, CancelSource by) {
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
    if (parentId != null && ops.get(parentId).map(Operation::isActive).orElse(false)) {
      CancelReply reply = cancel(parentId, reason, by);
      if (reply.success()) {
        return new Cancelled(parentId, operationId);
      }
    }
    return guard.call(
        () -> {
          Transition t =
              ops.cancel(
                  operationId,
                  reason == null ? ResearchParams.DEFAULT_CANCEL_REASON : reason,
                  null);
          workers.cancel(operationId);
          return t.applied()
              ? Cancelled.operation(operationId)
              : CancelRefused.notCancellable(t.current());
        });
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
        new StatusReply.Capacity(active.size(), concurrencyLimit));
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
    return concurrencyLimit;
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

  /**
   * On start-up: settles children left active by a previous process whose research has ended or no
   * longer points at them, then starts the coordinator if any research is active. The coordinator
   * restarts orphaned current children itself (SPEC §9).
   */
  public int resumeIfNeeded() {
    // Read under the guard: the API may already be triggering, and a child the coordinator
    // creates after a read outside it would be taken for a stray and failed.
    List<Operation> active =
        guard.call(
            () -> {
              List<Operation> researches = ops.active(OperationType.AGENT_RESEARCH);
              settleStrayChildren(researches);
              return researches;
            });
    if (!active.isEmpty()) {
      log.info("Resuming {} active research(es) from the database", active.size());
      coordinator.wake();
    }
    return active.size();
  }

  private void settleStrayChildren(List<Operation> activeResearches) {
    Map<String, String> currentChild = new LinkedHashMap<>();
    for (Operation r : activeResearches) {
      currentChild.put(r.operationId(), ResearchParams.currentChildId(r));
    }
    for (OperationType type : OperationType.values()) {
      if (type == OperationType.AGENT_RESEARCH) {
        continue;
      }
      for (Operation child : ops.active(type)) {
        String parent = child.parentOperationId();
        if (parent != null
            && currentChild.containsKey(parent)
            && child.operationId().equals(currentChild.get(parent))) {
          continue; // the coordinator decides about a research's current child
        }
        boolean parentActive = parent != null && currentChild.containsKey(parent);
        String reason = parentActive ? ResearchStepper.ORPHANED : "Parent research ended";
        Transition t =
            parentActive
                ? ops.fail(child.operationId(), reason)
                : ops.cancel(child.operationId(), reason, null);
        if (t.applied()) {
          log.info("Settled stray child {} of {}: {}", child.operationId(), parent, reason);
        }
      }
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
