package dev.ktrdr.operations;

import java.util.Optional;

/**
 * The phases of a research, in order, each with the parent progress it starts at, the step text
 * shown meanwhile, and the parameter that names its child operation (SPEC §3). Which phase may
 * follow which is {@link PhaseTransitions}.
 */
public enum Phase {
  IDLE("idle", 0, "Waiting to start", null, null),
  DESIGNING(
      "designing",
      5,
      "Designing strategy...",
      ResearchParameters.DESIGN_OP_ID,
      OperationType.AGENT_DESIGN),
  TRAINING(
      "training",
      20,
      "Training model...",
      ResearchParameters.TRAINING_OP_ID,
      OperationType.TRAINING),
  BACKTESTING(
      "backtesting",
      65,
      "Running backtest...",
      ResearchParameters.BACKTEST_OP_ID,
      OperationType.BACKTESTING),
  ASSESSING(
      "assessing",
      90,
      "Assessing results...",
      ResearchParameters.ASSESSMENT_OP_ID,
      OperationType.AGENT_ASSESSMENT);

  private final String wire;
  private final int startPercent;
  private final String step;
  private final String childKey;
  private final OperationType childType;

  Phase(String wire, int startPercent, String step, String childKey, OperationType childType) {
    this.wire = wire;
    this.startPercent = startPercent;
    this.step = step;
    this.childKey = childKey;
    this.childType = childType;
  }

  public String wire() {
    return wire;
  }

  public int startPercent() {
    return startPercent;
  }

  public String step() {
    return step;
  }

  /** The research parameter naming this phase's child operation, or null for {@link #IDLE}. */
  public String childKey() {
    return childKey;
  }

  /** The type of this phase's child operation, or null for {@link #IDLE}. */
  public OperationType childType() {
    return childType;
  }

  private static final Phase[] VALUES = values();

  public static Optional<Phase> fromWire(String s) {
    return WireNames.find(VALUES, Phase::wire, s);
  }

  @Override
  public String toString() {
    return wire;
  }
}
