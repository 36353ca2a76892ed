package dev.ktrdr.operations;

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

  private static final OperationType[] VALUES = values();

  public static Optional<OperationType> fromWire(String s) {
    return WireNames.find(VALUES, OperationType::wire, s);
  }

  @Override
  public String toString() {
    return wire;
  }
}
