package dev.ktrdr.agent;

import java.util.Arrays;
import java.util.Optional;

/**
 * The phases of a research, in order, each with the parent progress it starts at, the step text
 * shown meanwhile, and the parameter that holds its child operation id (SPEC §3).
 */
public enum Phase {
  IDLE("idle", 0, "Waiting to start", null),
  DESIGNING("designing", 5, "Designing strategy...", ResearchParams.DESIGN_OP_ID),
  TRAINING("training", 20, "Training model...", ResearchParams.TRAINING_OP_ID),
  BACKTESTING("backtesting", 65, "Running backtest...", ResearchParams.BACKTEST_OP_ID),
  ASSESSING("assessing", 90, "Assessing results...", ResearchParams.ASSESSMENT_OP_ID);

  private final String wire;
  private final int startPercent;
  private final String step;
  private final String childKey;

  Phase(String wire, int startPercent, String step, String childKey) {
    this.wire = wire;
    this.startPercent = startPercent;
    this.step = step;
    this.childKey = childKey;
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

  public static Optional<Phase> fromWire(String s) {
    return Arrays.stream(values()).filter(p -> p.wire.equals(s)).findFirst();
  }

  @Override
  public String toString() {
    return wire;
  }
}
