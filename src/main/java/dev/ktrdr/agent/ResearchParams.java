package dev.ktrdr.agent;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.operations.Research;
import dev.ktrdr.operations.ResearchParameters;

/**
 * Readers of a research's state for the faces, which hold {@link Operation} snapshots. The names
 * are those of {@link ResearchParameters} (the one place they are written); these readers prefer
 * the typed {@link Research} and fall back to the parameters of a hand-built snapshot.
 */
public final class ResearchParams {
  public static final String PHASE = ResearchParameters.PHASE;
  public static final String PHASE_START_TIME = ResearchParameters.PHASE_START_TIME;
  public static final String BRIEF = ResearchParameters.BRIEF;
  public static final String MODEL = ResearchParameters.MODEL;
  public static final String BYPASS_GATES = ResearchParameters.BYPASS_GATES;
  public static final String DESIGN_OP_ID = ResearchParameters.DESIGN_OP_ID;
  public static final String TRAINING_OP_ID = ResearchParameters.TRAINING_OP_ID;
  public static final String BACKTEST_OP_ID = ResearchParameters.BACKTEST_OP_ID;
  public static final String ASSESSMENT_OP_ID = ResearchParameters.ASSESSMENT_OP_ID;
  public static final String STRATEGY_NAME = ResearchParameters.STRATEGY_NAME;
  public static final String TRAINING_RESULT = ResearchParameters.TRAINING_RESULT;
  public static final String BACKTEST_RESULT = ResearchParameters.BACKTEST_RESULT;
  public static final String ASSESSMENT_VERDICT = ResearchParameters.ASSESSMENT_VERDICT;
  public static final String GATE_REJECTION = ResearchParameters.GATE_REJECTION;
  public static final String CANCEL_REASON = ResearchParameters.CANCEL_REASON;
  public static final String CANCELLED_BY = ResearchParameters.CANCELLED_BY;
  public static final String CANCELLED_AT = ResearchParameters.CANCELLED_AT;

  private ResearchParams() {}

  public static Phase phase(Operation research) {
    if (research.research() != null) {
      return research.research().phase();
    }
    return Phase.fromWire(research.param(PHASE)).orElse(Phase.IDLE);
  }

  /** The child operation id of the research's current phase, or null. */
  public static String currentChildId(Operation research) {
    if (research.research() != null) {
      return research.research().currentChildId();
    }
    Phase p = phase(research);
    return p.childKey() == null ? null : research.param(p.childKey());
  }
}
