package dev.ktrdr.operations;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code metadata.parameters} of a research (SPEC §3) as the API shows them, derived from its
 * typed {@link Research}: the names live here, once. A value that is not set is left out.
 */
public final class ResearchParameters {
  public static final String PHASE = "phase";
  public static final String PHASE_START_TIME = "phase_start_time";
  public static final String BRIEF = "brief";
  public static final String MODEL = "model";
  public static final String BYPASS_GATES = "bypass_gates";
  public static final String DESIGN_OP_ID = "design_op_id";
  public static final String TRAINING_OP_ID = "training_op_id";
  public static final String BACKTEST_OP_ID = "backtest_op_id";
  public static final String ASSESSMENT_OP_ID = "assessment_op_id";
  public static final String STRATEGY_NAME = "strategy_name";
  public static final String STRATEGY_SPEC = "strategy_spec";
  public static final String DATASET_ID = "dataset_id";
  public static final String SEED = "seed";
  public static final String TRAINING_RESULT = "training_result";
  public static final String BACKTEST_RESULT = "backtest_result";
  public static final String ASSESSMENT_VERDICT = "assessment_verdict";
  public static final String GATE_REJECTION = "gate_rejection";
  public static final String CANCEL_REASON = "cancel_reason";
  public static final String CANCELLED_BY = "cancelled_by";
  public static final String CANCELLED_AT = "cancelled_at";

  private ResearchParameters() {}

  /** The wire parameters of {@code r}. */
  public static Map<String, Object> of(Research r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(PHASE, r.phase().wire());
    put(m, BRIEF, r.brief());
    put(m, MODEL, r.model());
    m.put(BYPASS_GATES, r.bypassGates());
    put(m, PHASE_START_TIME, Timestamps.format(r.phaseStartedAt()));
    for (Phase p : Phase.values()) {
      if (p.childKey() != null) {
        put(m, p.childKey(), r.childId(p));
      }
    }
    if (r.strategy() != null) {
      put(m, STRATEGY_NAME, r.strategy().name());
      put(m, STRATEGY_SPEC, r.strategy().spec());
      put(m, DATASET_ID, r.strategy().datasetId());
      put(m, SEED, r.strategy().seed());
    }
    put(m, TRAINING_RESULT, r.trainingResult());
    put(m, BACKTEST_RESULT, r.backtestResult());
    put(m, GATE_REJECTION, r.gateRejection() == null ? null : r.gateRejection().toMap());
    put(m, ASSESSMENT_VERDICT, r.assessmentVerdict());
    if (r.cancel() != null) {
      m.put(CANCEL_REASON, r.cancel().reason());
      m.put(CANCELLED_BY, r.cancel().by());
      m.put(CANCELLED_AT, Timestamps.format(r.cancel().at()));
    }
    return m;
  }

  /**
   * A research from wire parameters, for operations created through the generic path (tests,
   * tools). Unknown names are ignored; a cancel record needs its reason, who and when.
   */
  @SuppressWarnings("unchecked")
  public static Research toResearch(Map<String, Object> p) {
    Phase phase = Phase.fromWire(text(p, PHASE)).orElse(Phase.IDLE);
    Map<Phase, String> ids = new EnumMap<>(Phase.class);
    for (Phase ph : Phase.values()) {
      if (ph.childKey() != null && text(p, ph.childKey()) != null) {
        ids.put(ph, text(p, ph.childKey()));
      }
    }
    String strategyName = text(p, STRATEGY_NAME);
    CancelRecord cancel = null;
    if (text(p, CANCELLED_BY) != null && text(p, CANCELLED_AT) != null) {
      cancel =
          new CancelRecord(
              text(p, CANCEL_REASON),
              text(p, CANCELLED_BY),
              Timestamps.parse(text(p, CANCELLED_AT)));
    }
    Object gate = p.get(GATE_REJECTION);
    return new Research(
        phase,
        Timestamps.parse(text(p, PHASE_START_TIME)),
        text(p, BRIEF),
        text(p, MODEL),
        Boolean.parseBoolean(text(p, BYPASS_GATES)),
        ids,
        strategy(p, strategyName),
        p.get(TRAINING_RESULT) instanceof Map ? (Map<String, Object>) p.get(TRAINING_RESULT) : null,
        p.get(BACKTEST_RESULT) instanceof Map ? (Map<String, Object>) p.get(BACKTEST_RESULT) : null,
        text(p, ASSESSMENT_VERDICT),
        gate instanceof Map ? GateRejection.fromMap((Map<?, ?>) gate) : null,
        cancel);
  }

  @SuppressWarnings("unchecked")
  private static Research.Strategy strategy(Map<String, Object> p, String name) {
    Object spec = p.get(STRATEGY_SPEC);
    String dataset = text(p, DATASET_ID);
    Object seed = p.get(SEED);
    if (name == null && spec == null && dataset == null && seed == null) {
      return null;
    }
    return new Research.Strategy(
        name,
        spec instanceof Map ? (Map<String, Object>) spec : null,
        dataset,
        seed instanceof Number ? ((Number) seed).longValue() : null);
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static String text(Map<String, Object> p, String key) {
    Object v = p.get(key);
    return v == null ? null : v.toString();
  }
}
