package dev.ktrdr.operations;

/** A status change that the state machine forbids, such as completed → cancelled. */
public final class IllegalTransitionException extends IllegalStateException {
  public IllegalTransitionException(OperationStatus from, OperationStatus to) {
    super("Illegal status change " + from.wire() + " -> " + to.wire());
  }
}
