package dev.ktrdr.workers;

import dev.ktrdr.operations.OperationType;

/** The kinds of work that run on workers, and the child operation type each one produces. */
public enum WorkerType {
  TRAINING("training", OperationType.TRAINING),
  BACKTESTING("backtesting", OperationType.BACKTESTING);

  private final String wire;
  private final OperationType operationType;

  WorkerType(String wire, OperationType operationType) {
    this.wire = wire;
    this.operationType = operationType;
  }

  public String wire() {
    return wire;
  }

  public OperationType operationType() {
    return operationType;
  }
}
