package dev.ktrdr.operations;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which phase of a research may follow which: the one table, checked wherever a research's state is
 * written (in the spirit of JobRunr's AllowedJobStateStateChanges).
 *
 * <pre>
 *   idle → designing → training → backtesting → assessing
 *                          └──── (a gate rejects) ────┘
 * </pre>
 *
 * A phase may also follow itself: the phase starts again with a new child (its child was orphaned
 * by a restart, or the research waited in it for a worker). Whether a research runs or has ended is
 * its operation status, not its phase: a completed research stays in {@code assessing}, a cancelled
 * one in the phase it was cancelled in.
 */
public final class PhaseTransitions {
  private static final Map<Phase, Set<Phase>> ALLOWED = new EnumMap<>(Phase.class);

  static {
    ALLOWED.put(Phase.IDLE, EnumSet.of(Phase.DESIGNING));
    ALLOWED.put(Phase.DESIGNING, EnumSet.of(Phase.DESIGNING, Phase.TRAINING));
    ALLOWED.put(Phase.TRAINING, EnumSet.of(Phase.TRAINING, Phase.BACKTESTING, Phase.ASSESSING));
    ALLOWED.put(Phase.BACKTESTING, EnumSet.of(Phase.BACKTESTING, Phase.ASSESSING));
    ALLOWED.put(Phase.ASSESSING, EnumSet.of(Phase.ASSESSING));
  }

  private PhaseTransitions() {}

  public static boolean isAllowed(Phase from, Phase to) {
    return ALLOWED.get(from).contains(to);
  }

  /** Throws when {@code from → to} is not a legal move. */
  public static void requireAllowed(Phase from, Phase to) {
    if (!isAllowed(from, to)) {
      throw new IllegalPhaseTransitionException(from, to);
    }
  }

  /** A phase move the table forbids, such as backtesting → training. */
  public static final class IllegalPhaseTransitionException extends IllegalStateException {
    public IllegalPhaseTransitionException(Phase from, Phase to) {
      super("Illegal phase change " + from.wire() + " -> " + to.wire());
    }
  }
}
