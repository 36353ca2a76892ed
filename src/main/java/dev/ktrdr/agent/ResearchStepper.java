package dev.ktrdr.agent;

import dev.ktrdr.agent.budget.Budget;
import dev.ktrdr.agent.inprocess.AssessInput;
import dev.ktrdr.agent.inprocess.AssessmentAgent;
import dev.ktrdr.agent.inprocess.DesignAgent;
import dev.ktrdr.agent.inprocess.DesignInput;
import dev.ktrdr.agent.inprocess.InProcessWork;
import dev.ktrdr.operations.CancelRecord;
import dev.ktrdr.operations.GateRejection;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.operations.Research;
import dev.ktrdr.operations.ResearchParameters;
import dev.ktrdr.research.backtest.BacktestResult;
import dev.ktrdr.research.model.TrainingResult;
import dev.ktrdr.workers.WorkerRegistry;
import dev.ktrdr.workers.WorkerType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Moves one research one step along design → training → backtesting → assessing (SPEC §3, §5):
 * reads the research and the child of its current phase, and acts on the child's status. Each
 * change is one atomic write (a new child is created and recorded on its research in the same
 * commit, and only while the research is active); nothing here waits for work to finish. Callers
 * hold the research's lane, so a cancel never lands in the middle of a step.
 */
final class ResearchStepper {
  static final String ORPHANED = "Orphaned by restart";

  private final OperationsService ops;
  private final WorkerRegistry workers;
  private final WorkerQueue queue;
  private final ChildTasks tasks;
  private final DesignAgent designer;
  private final AssessmentAgent assessor;
  private final Budget budget;
  private final ResearchEnd end;

  /**
   * Worker types an older research was refused this cycle. A younger research stepped later in the
   * same cycle must not take such a worker even if it was freed meanwhile: oldest first (SPEC §5).
   * Only the coordinator's thread steps researches.
   */
  ResearchStepper(
      OperationsService ops,
      WorkerRegistry workers,
      WorkerQueue queue,
      ChildTasks tasks,
      DesignAgent designer,
      AssessmentAgent assessor,
      Budget budget,
      ResearchEnd end) {
    this.ops = ops;
    this.workers = workers;
    this.queue = queue;
    this.tasks = tasks;
    this.designer = designer;
    this.assessor = assessor;
    this.budget = budget;
    this.end = end;
  }

  /** Advances the research one step, if it is active. */
  void step(String researchId) {
    Optional<Operation> found = ops.get(researchId);
    if (found.isEmpty()) {
      return;
    }
    Operation research = found.get();
    if (!research.isActive()) {
      queue.forget(researchId);
      return;
    }
    if (research.research() == null) {
      throw new IllegalStateException("Research " + researchId + " has no research state");
    }
    if (research.status() == OperationStatus.PENDING) {
      if (!ops.start(researchId).applied()) {
        return;
      }
      research = ops.get(researchId).orElseThrow();
    }
    Research state = research.research();
    Phase phase = state.phase();
    if (phase == Phase.IDLE) {
      startInProcess(research, Phase.DESIGNING, UnaryOperator.identity(), null);
      return;
    }
    String childId = state.currentChildId();
    Operation child = childId == null ? null : ops.get(childId).orElse(null);
    if (child == null) {
      restartPhase(research, phase); // orphaned and cleared by an earlier step
      return;
    }
    switch (child.status()) {
      case PENDING:
      case RUNNING:
        if (!isLive(researchId, phase, childId) && !workers.awaitsReclaim(childId)) {
          recoverOrphan(research, phase, childId);
        }
        return;
      case COMPLETED:
        onChildCompleted(research, phase, child);
        return;
      case FAILED:
        end.fail(researchId, label(phase) + " failed: " + child.errorMessage());
        return;
      case CANCELLED:
        end.cancel(
            researchId,
            new CancelRecord(
                "Child operation " + childId + " was cancelled",
                CancelSource.ENGINE.wire(),
                ops.clock().instant()));
        return;
      default:
        throw new IllegalStateException("Unknown status " + child.status());
    }
  }

  /**
   * Whether a step could move the research (as the safety sweep sees it): false while its child
   * runs, or while it waits in the queue for a worker.
   */
  boolean needsStep(Operation research, Operation child) {
    if (!research.isActive() || research.research() == null) {
      return false;
    }
    String id = research.operationId();
    Phase phase = research.research().phase();
    if (research.status() == OperationStatus.PENDING || phase == Phase.IDLE) {
      return true;
    }
    if (child == null || !child.isActive()) {
      return !queue.isWaiting(id);
    }
    // A child a remote worker may still reclaim ends either way (reclaimed or lost) with an event.
    return !isLive(id, phase, child.operationId()) && !workers.awaitsReclaim(child.operationId());
  }

  private boolean isLive(String researchId, Phase phase, String childId) {
    if (phase == Phase.DESIGNING || phase == Phase.ASSESSING) {
      return tasks.get(researchId).map(t -> t.childId().equals(childId)).orElse(false);
    }
    return workers.isRunning(childId);
  }

  /**
   * The child is active but nothing runs it: its process died. In one commit (which re-reads it: it
   * may have ended meanwhile) fail it and forget it; then start the phase afresh.
   */
  private void recoverOrphan(Operation research, Phase phase, String childId) {
    String id = research.operationId();
    boolean recovered =
        ops.inTransaction(
            w -> {
              Optional<Operation> child = w.find(childId);
              if (child.isEmpty() || !child.get().isActive()) {
                return false; // it ended on its own; its wake-up steps the research
              }
              if (!w.transition(
                      childId, OperationStatus.FAILED, ORPHANED, null, "failed: " + ORPHANED)
                  .applied()) {
                return false;
              }
              w.updateResearch(id, s -> s.withoutChild(phase));
              w.log(
                  id, "Restarting " + phase.wire() + ": " + childId + " was orphaned by a restart");
              return true;
            },
            false);
    if (recovered) {
      ops.get(id).filter(Operation::isActive).ifPresent(r -> restartPhase(r, phase));
    }
  }

  private void restartPhase(Operation research, Phase phase) {
    if (phase == Phase.TRAINING || phase == Phase.BACKTESTING) {
      startOnWorker(research, phase, UnaryOperator.identity());
    } else {
      startInProcess(research, phase, UnaryOperator.identity(), null);
    }
  }

  private void onChildCompleted(Operation research, Phase phase, Operation child) {
    Map<String, Object> result = child.resultSummary() == null ? Map.of() : child.resultSummary();
    Research state = research.research();
    switch (phase) {
      case DESIGNING:
        startOnWorker(
            research,
            Phase.TRAINING,
            s -> s.strategyName() != null ? s : s.withStrategy(designed(s.strategy(), result)));
        return;
      case TRAINING:
        {
          UnaryOperator<Research> harvest =
              s ->
                  s.trainingResult() != null
                      ? s
                      : s.withTrainingResult(headline(result, TrainingResult.SERIES));
          Optional<GateRejection> rejection =
              state.bypassGates() ? Optional.empty() : Gates.training(result);
          if (rejection.isPresent()) {
            toAssessment(research, harvest, rejection.get());
          } else {
            startOnWorker(research, Phase.BACKTESTING, harvest);
          }
          return;
        }
      case BACKTESTING:
        {
          UnaryOperator<Research> harvest =
              s ->
                  s.backtestResult() != null
                      ? s
                      : s.withBacktestResult(headline(result, BacktestResult.SERIES));
          Optional<GateRejection> rejection =
              state.bypassGates() ? Optional.empty() : Gates.backtest(result);
          toAssessment(research, harvest, rejection.orElse(null));
          return;
        }
      case ASSESSING:
        complete(research, result);
        return;
      default:
        throw new IllegalStateException("No child in phase " + phase);
    }
  }

  private void toAssessment(
      Operation research, UnaryOperator<Research> harvest, GateRejection rejection) {
    UnaryOperator<Research> change =
        rejection == null ? harvest : s -> harvest.apply(s).withGateRejection(rejection);
    String logLine =
        rejection == null
            ? null
            : "Gate rejected: "
                + rejection.reason()
                + " ("
                + rejection.detail()
                + "); going to a partial assessment";
    startInProcess(research, Phase.ASSESSING, change, logLine);
  }

  /** Starts a design or an assessment: its child in one commit, then its task. */
  private void startInProcess(
      Operation research, Phase phase, UnaryOperator<Research> change, String logLine) {
    Started started = startChild(research, phase, change, logLine);
    if (started == null) {
      return;
    }
    Research s = started.state();
    Research.Strategy strategy = s.strategy();
    InProcessWork work =
        phase == Phase.DESIGNING
            ? designer.design(
                new DesignInput(
                    s.brief(),
                    s.model(),
                    strategy == null ? null : strategy.datasetId(),
                    strategy == null ? null : strategy.seed()))
            : assessor.assess(
                new AssessInput(
                    s.brief(),
                    s.model(),
                    strategy == null ? null : strategy.spec(),
                    s.trainingResult(),
                    s.backtestResult(),
                    s.gateRejection() == null ? null : s.gateRejection().toMap()));
    String id = research.operationId();
    tasks.start(
        new PhaseTask(
            id,
            started.child().operationId(),
            work,
            ops,
            (childId, result) ->
                budget.record(
                    childId,
                    id,
                    s.model(),
                    longValue(result.get("input_tokens")),
                    longValue(result.get("output_tokens")))));
  }

  /**
   * Starts training or a backtest on a free worker: the worker is reserved first, so that it cannot
   * be taken between the check and the start. With no worker free, or an older research waiting for
   * one, the research keeps its phase (with what it harvested) and queues.
   */
  private void startOnWorker(Operation research, Phase phase, UnaryOperator<Research> change) {
    String id = research.operationId();
    WorkerType type = phase == Phase.TRAINING ? WorkerType.TRAINING : WorkerType.BACKTESTING;
    Optional<WorkerRegistry.Lease> lease =
        queue.olderWaiting(type, id) ? Optional.empty() : workers.reserve(type);
    if (lease.isEmpty()) {
      Research before = research.research();
      if (!change.apply(before).equals(before)) {
        ops.updateResearch(id, change);
      }
      queue.await(type, id);
      return;
    }
    Started started;
    try {
      started = startChild(research, phase, change, null);
    } catch (RuntimeException | Error e) {
      lease.get().release();
      throw e;
    }
    if (started == null) {
      lease.get().release();
      return;
    }
    queue.served(type, id);
    lease.get().start(started.child());
  }

  private record Started(Operation child, Research state) {}

  /**
   * In one commit, while the research is active: apply {@code change}, create the phase's child,
   * record it with the phase on the research, and set the research's progress. Null when the
   * research has ended meanwhile (nothing is written).
   */
  private Started startChild(
      Operation research, Phase phase, UnaryOperator<Research> change, String logLine) {
    String id = research.operationId();
    return ops.inTransaction(
        w -> {
          Optional<Operation> now = w.find(id);
          if (now.isEmpty() || !now.get().isActive()) {
            return null;
          }
          Research next = change.apply(now.get().research());
          if (logLine != null) {
            w.log(id, logLine);
          }
          Map<String, Object> childParams = new LinkedHashMap<>();
          childParams.put(ResearchParameters.BRIEF, next.brief());
          childParams.put(ResearchParameters.MODEL, next.model());
          childParams.put(ResearchParameters.PHASE, phase.wire());
          if (next.strategyName() != null) {
            childParams.put(ResearchParameters.STRATEGY_NAME, next.strategyName());
          }
          workerInputs(phase, next, childParams);
          Operation child = w.insert(phase.childType(), id, childParams);
          Research moved =
              w.updateResearch(
                      id, s -> change.apply(s).startingPhase(phase, child.operationId(), w.now()))
                  .orElseThrow()
                  .research();
          w.updateProgress(id, phase.startPercent(), phase.step());
          return new Started(child, moved);
        },
        false);
  }

  private void complete(Operation research, Map<String, Object> assessment) {
    String id = research.operationId();
    Object verdict = assessment.get("verdict");
    ops.inTransaction(
        w -> {
          Optional<Operation> r =
              w.updateResearch(id, s -> s.withAssessmentVerdict(String.valueOf(verdict)));
          if (r.isEmpty()) {
            return null;
          }
          Research s = r.get().research();
          Map<String, Object> summary = new LinkedHashMap<>();
          summary.put("success", s.gateRejection() == null);
          summary.put("strategy_name", s.strategyName());
          summary.put("verdict", verdict);
          summary.put("backtest_result", s.backtestResult());
          w.updateProgress(id, 100, "Complete");
          return w.transition(id, OperationStatus.COMPLETED, null, summary, "completed");
        },
        false);
  }

  /**
   * What a training or backtest worker needs besides the brief: the strategy spec and its dataset,
   * and for a backtest the training operation whose result holds the fitted model. A stub-designed
   * research has no spec, and its stub workers need none.
   */
  private static void workerInputs(Phase phase, Research r, Map<String, Object> params) {
    Research.Strategy s = r.strategy();
    if ((phase != Phase.TRAINING && phase != Phase.BACKTESTING) || s == null || s.spec() == null) {
      return;
    }
    params.put(ResearchParameters.STRATEGY_SPEC, s.spec());
    if (s.datasetId() != null) {
      params.put(ResearchParameters.DATASET_ID, s.datasetId());
    }
    if (phase == Phase.BACKTESTING && r.childId(Phase.TRAINING) != null) {
      params.put(ResearchParameters.TRAINING_OP_ID, r.childId(Phase.TRAINING));
    }
  }

  /**
   * The strategy a design produced: its name, and (from a real design) its spec and dataset; the
   * seed stays the one recorded at trigger (a real spec carries the same).
   */
  @SuppressWarnings("unchecked")
  static Research.Strategy designed(Research.Strategy requested, Map<String, Object> design) {
    Object spec = design.get("spec");
    Object dataset = design.get("dataset");
    Long seed = requested == null ? null : requested.seed();
    if (seed == null && spec instanceof Map && ((Map<?, ?>) spec).get("seed") instanceof Number) {
      seed = ((Number) ((Map<?, ?>) spec).get("seed")).longValue();
    }
    return new Research.Strategy(
        String.valueOf(design.get("strategy_name")),
        spec instanceof Map ? (Map<String, Object>) spec : null,
        dataset instanceof String
            ? (String) dataset
            : requested == null ? null : requested.datasetId(),
        seed);
  }

  /**
   * A worker's result without its series ({@code keys}): the numbers a research keeps, reads for
   * its gates and shows in lists. The series stay once, in the child operation's result.
   */
  static Map<String, Object> headline(Map<String, Object> result, Set<String> keys) {
    Map<String, Object> m = new LinkedHashMap<>(result);
    m.keySet().removeAll(keys);
    return m;
  }

  private static long longValue(Object o) {
    return o instanceof Number ? ((Number) o).longValue() : 0;
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
