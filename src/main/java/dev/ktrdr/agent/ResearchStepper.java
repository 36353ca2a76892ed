package dev.ktrdr.agent;

import dev.ktrdr.agent.budget.Budget;
import dev.ktrdr.agent.inprocess.AssessmentAgent;
import dev.ktrdr.agent.inprocess.DesignAgent;
import dev.ktrdr.agent.inprocess.InProcessWork;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Timestamps;
import dev.ktrdr.workers.WorkerRegistry;
import dev.ktrdr.workers.WorkerType;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves one research one step along design → training → backtesting → assessing (SPEC §3, §5).
 * Every step reads the child of the current phase and acts on its status; nothing here waits.
 * Callers hold the {@link ResearchGuard}, so a cancel never lands in the middle of a step.
 */
final class ResearchStepper {
  static final String ORPHANED = "Orphaned by restart";

  private final OperationsService ops;
  private final WorkerRegistry workers;
  private final ChildTasks tasks;
  private final DesignAgent designer;
  private final AssessmentAgent assessor;
  private final Budget budget;
  private final ResearchTeardown teardown;

  /**
   * Worker types an older research was refused this cycle. A younger research stepped later in the
   * same cycle must not take such a worker even if it was freed meanwhile: oldest first (SPEC §5).
   * Only the coordinator's thread steps researches.
   */
  private final Set<WorkerType> refusedThisCycle = EnumSet.noneOf(WorkerType.class);

  ResearchStepper(
      OperationsService ops,
      WorkerRegistry workers,
      ChildTasks tasks,
      DesignAgent designer,
      AssessmentAgent assessor,
      Budget budget,
      ResearchTeardown teardown) {
    this.ops = ops;
    this.workers = workers;
    this.tasks = tasks;
    this.designer = designer;
    this.assessor = assessor;
    this.budget = budget;
    this.teardown = teardown;
  }

  /** Starts a coordinator cycle: no worker type has been refused yet. */
  void newCycle() {
    refusedThisCycle.clear();
  }

  /** Advances {@code research}; {@code child} is its current phase's child as read this cycle. */
  void advance(Operation research, Operation child) {
    if (research.status() == OperationStatus.PENDING
        && !ops.start(research.operationId()).applied()) {
      return;
    }
    Phase phase = ResearchParams.phase(research);
    if (phase == Phase.IDLE) {
      startPhase(research, Phase.DESIGNING, Map.of());
      return;
    }
    if (child == null) {
      startPhase(research, phase, Map.of()); // not started yet (waiting for a worker) or orphaned
      return;
    }
    switch (child.status()) {
      case PENDING:
      case RUNNING:
        if (!isLive(research, phase, child.operationId())) {
          recoverOrphan(research, phase, child.operationId());
        }
        return;
      case COMPLETED:
        onChildCompleted(research, phase, child);
        return;
      case FAILED:
        fail(research, label(phase) + " failed: " + child.errorMessage());
        return;
      case CANCELLED:
        cancelBecauseChildWas(research, child);
        return;
      default:
        throw new IllegalStateException("Unknown status " + child.status());
    }
  }

  /** Fails the research and stops its children. */
  void fail(Operation research, String error) {
    String id = research.operationId();
    if (ops.fail(id, error).applied()) {
      teardown.stop(id, ResearchParams.currentChildId(research), "Research failed");
    }
  }

  private boolean isLive(Operation research, Phase phase, String childId) {
    if (phase == Phase.DESIGNING || phase == Phase.ASSESSING) {
      return tasks.get(research.operationId()).map(t -> t.childId().equals(childId)).orElse(false);
    }
    return workers.isRunning(childId);
  }

  /**
   * The child is active but nothing runs it: its process died. Re-read it first (it may have ended
   * between this cycle's read and the liveness check), then fail it and start afresh.
   */
  private void recoverOrphan(Operation research, Phase phase, String childId) {
    Optional<Operation> fresh = ops.get(childId);
    if (fresh.isEmpty() || !fresh.get().isActive() || isLive(research, phase, childId)) {
      return; // it ended on its own; the next cycle sees how
    }
    if (ops.fail(childId, ORPHANED).applied()) {
      Map<String, Object> clear = new HashMap<>();
      clear.put(phase.childKey(), null);
      ops.mergeParameters(research.operationId(), clear);
      ops.log(
          research.operationId(),
          "Restarting " + phase.wire() + ": " + childId + " was orphaned by a restart");
      startPhase(research, phase, Map.of());
    }
  }

  private void onChildCompleted(Operation research, Phase phase, Operation child) {
    Map<String, Object> result = child.resultSummary() == null ? Map.of() : child.resultSummary();
    String id = research.operationId();
    switch (phase) {
      case DESIGNING:
        {
          if (research.param(ResearchParams.STRATEGY_NAME) == null) {
            // Spend first: it is idempotent, so a crash between the two writes cannot lose it.
            recordSpend(research, child);
            ops.mergeParameters(
                id,
                Map.of(ResearchParams.STRATEGY_NAME, String.valueOf(result.get("strategy_name"))));
          }
          startPhase(research, Phase.TRAINING, Map.of());
          return;
        }
      case TRAINING:
        {
          harvest(research, ResearchParams.TRAINING_RESULT, result);
          Optional<Map<String, Object>> rejection =
              ResearchParams.bypassGates(research) ? Optional.empty() : Gates.training(result);
          if (rejection.isPresent()) {
            toAssessment(research, result, null, rejection.get());
          } else {
            startPhase(research, Phase.BACKTESTING, Map.of());
          }
          return;
        }
      case BACKTESTING:
        {
          harvest(research, ResearchParams.BACKTEST_RESULT, result);
          Optional<Map<String, Object>> rejection =
              ResearchParams.bypassGates(research) ? Optional.empty() : Gates.backtest(result);
          toAssessment(
              research,
              mapParam(research, ResearchParams.TRAINING_RESULT),
              result,
              rejection.orElse(null));
          return;
        }
      case ASSESSING:
        {
          recordSpend(research, child);
          complete(research, child, result);
          return;
        }
      default:
        throw new IllegalStateException("No child in phase " + phase);
    }
  }

  private void toAssessment(
      Operation research,
      Map<String, Object> training,
      Map<String, Object> backtest,
      Map<String, Object> rejection) {
    Map<String, Object> extra = new LinkedHashMap<>();
    if (rejection != null) {
      extra.put(ResearchParams.GATE_REJECTION, rejection);
      ops.log(
          research.operationId(),
          "Gate rejected: "
              + rejection.get("reason")
              + " ("
              + rejection.get("detail")
              + "); going to a partial assessment");
    }
    startPhase(research, Phase.ASSESSING, extra, training, backtest, rejection);
  }

  private void startPhase(Operation research, Phase phase, Map<String, Object> extra) {
    Map<String, Object> rejection = mapParam(research, ResearchParams.GATE_REJECTION);
    startPhase(
        research,
        phase,
        extra,
        mapParam(research, ResearchParams.TRAINING_RESULT),
        mapParam(research, ResearchParams.BACKTEST_RESULT),
        rejection);
  }

  private void startPhase(
      Operation research,
      Phase phase,
      Map<String, Object> extra,
      Map<String, Object> training,
      Map<String, Object> backtest,
      Map<String, Object> rejection) {
    String brief = research.param(ResearchParams.BRIEF);
    String model = research.param(ResearchParams.MODEL);
    switch (phase) {
      case DESIGNING:
        {
          Operation child = createChild(research, phase, OperationType.AGENT_DESIGN, extra);
          if (child != null) {
            startTask(research, child, designer.design(brief, model));
          }
          return;
        }
      case TRAINING:
      case BACKTESTING:
        {
          WorkerType type = phase == Phase.TRAINING ? WorkerType.TRAINING : WorkerType.BACKTESTING;
          if (refusedThisCycle.contains(type) || !workers.hasAvailable(type)) {
            refusedThisCycle.add(type);
            return; // queued: stays in its phase, tries again next cycle (oldest first)
          }
          Operation child = createChild(research, phase, type.operationType(), extra);
          if (child != null && workers.dispatch(type, child).isEmpty()) {
            ops.cancel(child.operationId(), "No worker available", null);
          }
          return;
        }
      case ASSESSING:
        {
          Operation child = createChild(research, phase, OperationType.AGENT_ASSESSMENT, extra);
          if (child != null) {
            startTask(
                research, child, assessor.assess(brief, model, training, backtest, rejection));
          }
          return;
        }
      default:
        throw new IllegalStateException("Cannot start phase " + phase);
    }
  }

  /**
   * Creates the phase's child and records it on the research, in that order; if the research ended
   * meanwhile the child is cancelled at once and null returned.
   */
  private Operation createChild(
      Operation research, Phase phase, OperationType type, Map<String, Object> extra) {
    String id = research.operationId();
    Map<String, Object> childParams = new LinkedHashMap<>();
    childParams.put(ResearchParams.BRIEF, research.param(ResearchParams.BRIEF));
    childParams.put(ResearchParams.MODEL, research.param(ResearchParams.MODEL));
    childParams.put(ResearchParams.PHASE, phase.wire());
    if (research.param(ResearchParams.STRATEGY_NAME) != null) {
      childParams.put(ResearchParams.STRATEGY_NAME, research.param(ResearchParams.STRATEGY_NAME));
    }
    Operation child = ops.create(type, id, childParams);
    Map<String, Object> patch = new LinkedHashMap<>(extra);
    patch.put(ResearchParams.PHASE, phase.wire());
    patch.put(phase.childKey(), child.operationId());
    patch.put(ResearchParams.PHASE_START_TIME, Timestamps.format(ops.clock().instant()));
    if (!ops.mergeParameters(id, patch)) {
      ops.cancel(child.operationId(), "Research is no longer active", null);
      return null;
    }
    ops.updateProgress(id, phase.startPercent(), phase.step());
    return child;
  }

  private void startTask(Operation research, Operation child, InProcessWork work) {
    tasks.start(new PhaseTask(research.operationId(), child.operationId(), work, ops));
  }

  private void complete(Operation research, Operation assessment, Map<String, Object> result) {
    String id = research.operationId();
    Object verdict = result.get("verdict");
    ops.mergeParameters(id, Map.of(ResearchParams.ASSESSMENT_VERDICT, String.valueOf(verdict)));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("success", research.parameters().get(ResearchParams.GATE_REJECTION) == null);
    summary.put("strategy_name", research.param(ResearchParams.STRATEGY_NAME));
    summary.put("verdict", verdict);
    summary.put("backtest_result", research.parameters().get(ResearchParams.BACKTEST_RESULT));
    ops.updateProgress(id, 100, "Complete");
    ops.complete(id, summary);
  }

  private void cancelBecauseChildWas(Operation research, Operation child) {
    String id = research.operationId();
    String reason = "Child operation " + child.operationId() + " was cancelled";
    if (ops.cancel(id, reason, Map.of(ResearchParams.CANCEL_REASON, reason)).applied()) {
      teardown.stop(id, child.operationId(), "Parent research cancelled");
    }
  }

  private void harvest(Operation research, String key, Map<String, Object> value) {
    if (!research.parameters().containsKey(key)) {
      ops.mergeParameters(research.operationId(), Map.of(key, value));
    }
  }

  private void recordSpend(Operation research, Operation child) {
    Map<String, Object> r = child.resultSummary();
    if (r == null) {
      return;
    }
    budget.record(
        child.operationId(),
        research.operationId(),
        research.param(ResearchParams.MODEL),
        longValue(r.get("input_tokens")),
        longValue(r.get("output_tokens")));
  }

  private static long longValue(Object o) {
    return o instanceof Number ? ((Number) o).longValue() : 0;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapParam(Operation research, String key) {
    Object v = research.parameters().get(key);
    return v instanceof Map ? (Map<String, Object>) v : null;
  }

  private static String label(Phase phase) {
    switch (phase) {
      case DESIGNING:
        return "Design";
      case TRAINING:
        return "Training";
      case BACKTESTING:
        return "Backtest";
      default:
        return "Assessment";
    }
  }
}
