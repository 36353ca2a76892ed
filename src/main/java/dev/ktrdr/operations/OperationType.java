package dev.ktrdr.operations;

import java.util.Arrays;
import java.util.Optional;

/**
 * What kind of work an operation tracks. {@link #wire()} is the name used in the database and JSON.
 */
public enum OperationType {
  AGENT_RESEARCH("agent_research"),
  AGENT_DESIGN("agent_design"),
  AGENT_ASSESSMENT("agent_assessment"),
  TRAINING("training"),
  BACKTESTING("backtesting");

  private final String wire;

  OperationType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<OperationType> fromWire(String s) {
    return Arrays.stream(values()).filter(t -> t.wire.equalsIgnoreCase(s)).findFirst();
  }

  @Override
  public String toString() {
    return wire;
  }
}
