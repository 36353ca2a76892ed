package dev.ktrdr.agent;

import dev.ktrdr.operations.Operation;

/** Names of the {@code metadata.parameters} a research carries (SPEC §3), and readers for them. */
public final class ResearchParams {
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
  public static final String TRAINING_RESULT = "training_result";
  public static final String BACKTEST_RESULT = "backtest_result";
  public static final String ASSESSMENT_VERDICT = "assessment_verdict";
  public static final String GATE_REJECTION = "gate_rejection";
  public static final String CANCEL_REASON = "cancel_reason";
  public static final String CANCELLED_BY = "cancelled_by";
  public static final String CANCELLED_AT = "cancelled_at";

  /** The reason recorded when a cancel names none. */
  public static final String DEFAULT_CANCEL_REASON = "Cancelled by user";

  private ResearchParams() {}

  public static Phase phase(Operation research) {
    return Phase.fromWire(research.param(PHASE)).orElse(Phase.IDLE);
  }

  /** The child operation id of the research's current phase, or null. */
  public static String currentChildId(Operation research) {
    Phase p = phase(research);
    return p.childKey() == null ? null : research.param(p.childKey());
  }

  public static boolean bypassGates(Operation research) {
    return Boolean.parseBoolean(research.param(BYPASS_GATES));
  }
}
