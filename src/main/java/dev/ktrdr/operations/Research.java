package dev.ktrdr.operations;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A research's own state, typed: where it is ({@link #phase}), what it was asked, the child of each
 * phase, what it designed, the results it harvested, why a gate rejected it and who cancelled it.
 * Stored as one row of its own beside its {@code agent_research} operation; the API's {@code
 * metadata.parameters} are derived from it ({@link ResearchParameters}). Immutable: every change
 * makes a new value, and phase moves are checked against {@link PhaseTransitions}.
 *
 * <p>Results are kept as the documents the workers returned (the wire shows them as they are); the
 * real-research issue replaces them with typed results and fills {@link Strategy#spec}, {@link
 * Strategy#datasetId} and {@link Strategy#seed}.
 */
public record Research(
    Phase phase,
    Instant phaseStartedAt,
    String brief,
    String model,
    boolean bypassGates,
    Map<Phase, String> childIds,
    Strategy strategy,
    Map<String, Object> trainingResult,
    Map<String, Object> backtestResult,
    String assessmentVerdict,
    GateRejection gateRejection,
    CancelRecord cancel) {

  /** The strategy the design produced: its name today; its spec, dataset and seed to come. */
  public record Strategy(String name, Map<String, Object> spec, String datasetId, Long seed) {
    public Strategy {
      spec = spec == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(spec));
    }

    public static Strategy named(String name) {
      return new Strategy(name, null, null, null);
    }
  }

  public Research {
    if (phase == null) {
      throw new IllegalArgumentException("A research always has a phase");
    }
    EnumMap<Phase, String> ids = new EnumMap<>(Phase.class);
    if (childIds != null) {
      childIds.forEach(
          (p, id) -> {
            if (id != null && p != Phase.IDLE) {
              ids.put(p, id);
            }
          });
    }
    childIds = Collections.unmodifiableMap(ids);
    trainingResult = copy(trainingResult);
    backtestResult = copy(backtestResult);
  }

  /** A research as a trigger creates it: idle, nothing done yet. */
  public static Research triggered(String brief, String model, boolean bypassGates) {
    return new Research(
        Phase.IDLE, null, brief, model, bypassGates, null, null, null, null, null, null, null);
  }

  /** The child operation of {@code p}, or null. */
  public String childId(Phase p) {
    return childIds.get(p);
  }

  /** The child operation of the current phase, or null (idle, or waiting for a worker). */
  public String currentChildId() {
    return childIds.get(phase);
  }

  public String strategyName() {
    return strategy == null ? null : strategy.name();
  }

  /**
   * Moves to {@code next} with its new child, started at {@code at}.
   *
   * @throws PhaseTransitions.IllegalPhaseTransitionException when the table forbids the move
   */
  public Research startingPhase(Phase next, String childId, Instant at) {
    PhaseTransitions.requireAllowed(phase, next);
    EnumMap<Phase, String> ids = new EnumMap<>(Phase.class);
    ids.putAll(childIds);
    ids.put(next, childId);
    return new Research(
        next,
        at,
        brief,
        model,
        bypassGates,
        ids,
        strategy,
        trainingResult,
        backtestResult,
        assessmentVerdict,
        gateRejection,
        cancel);
  }

  /** Forgets the child of {@code p} (it was orphaned), so that the phase starts afresh. */
  public Research withoutChild(Phase p) {
    EnumMap<Phase, String> ids = new EnumMap<>(Phase.class);
    ids.putAll(childIds);
    ids.remove(p);
    return new Research(
        phase,
        phaseStartedAt,
        brief,
        model,
        bypassGates,
        ids,
        strategy,
        trainingResult,
        backtestResult,
        assessmentVerdict,
        gateRejection,
        cancel);
  }

  public Research withStrategy(Strategy s) {
    return new Research(
        phase,
        phaseStartedAt,
        brief,
        model,
        bypassGates,
        childIds,
        s,
        trainingResult,
        backtestResult,
        assessmentVerdict,
        gateRejection,
        cancel);
  }

  public Research withTrainingResult(Map<String, Object> r) {
    return new Research(
        phase,
        phaseStartedAt,
        brief,
        model,
        bypassGates,
        childIds,
        strategy,
        r,
        backtestResult,
        assessmentVerdict,
        gateRejection,
        cancel);
  }

  public Research withBacktestResult(Map<String, Object> r) {
    return new Research(
        phase,
        phaseStartedAt,
        brief,
        model,
        bypassGates,
        childIds,
        strategy,
        trainingResult,
        r,
        assessmentVerdict,
        gateRejection,
        cancel);
  }

  public Research withGateRejection(GateRejection g) {
    return new Research(
        phase,
        phaseStartedAt,
        brief,
        model,
        bypassGates,
        childIds,
        strategy,
        trainingResult,
        backtestResult,
        assessmentVerdict,
        g,
        cancel);
  }

  public Research withAssessmentVerdict(String verdict) {
    return new Research(
        phase,
        phaseStartedAt,
        brief,
        model,
        bypassGates,
        childIds,
        strategy,
        trainingResult,
        backtestResult,
        verdict,
        gateRejection,
        cancel);
  }

  public Research withCancel(CancelRecord c) {
    return new Research(
        phase,
        phaseStartedAt,
        brief,
        model,
        bypassGates,
        childIds,
        strategy,
        trainingResult,
        backtestResult,
        assessmentVerdict,
        gateRejection,
        c);
  }

  private static Map<String, Object> copy(Map<String, Object> m) {
    return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
