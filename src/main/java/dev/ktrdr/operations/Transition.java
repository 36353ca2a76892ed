package dev.ktrdr.operations;

/**
 * The outcome of a requested status change. When two finishers race, exactly one gets {@code
 * applied() == true}; the other learns the status that won through {@code current()}.
 */
public record Transition(
    boolean applied, OperationStatus from, OperationStatus current, Operation operation) {

  public static Transition notFound() {
    return new Transition(false, null, null, null);
  }

  public boolean found() {
    return current != null;
  }
}
