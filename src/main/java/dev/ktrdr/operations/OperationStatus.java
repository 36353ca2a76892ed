package dev.ktrdr.operations;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The life of an operation, with its allowed transitions in one place: pending → running →
 * completed | failed | cancelled, and pending may also end directly. Terminal states are final.
 */
public enum OperationStatus {
  PENDING("pending"),
  RUNNING("running"),
  COMPLETED("completed"),
  FAILED("failed"),
  CANCELLED("cancelled");

  /** The statuses of work that is still going on. */
  public static final Set<OperationStatus> ACTIVE = EnumSet.of(PENDING, RUNNING);

  private final String wire;

  OperationStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean isTerminal() {
    return !ACTIVE.contains(this);
  }

  public boolean isActive() {
    return ACTIVE.contains(this);
  }

  /** The one rule for status changes; every writer goes through it. */
  public static boolean isAllowed(OperationStatus from, OperationStatus to) {
    switch (from) {
      case PENDING:
        return to != PENDING;
      case RUNNING:
        return to.isTerminal();
      default:
        return false; // terminal states are final
    }
  }

  /** Throws when {@code from → to} is not a legal change. */
  public static void requireAllowed(OperationStatus from, OperationStatus to) {
    if (!isAllowed(from, to)) {
      throw new IllegalTransitionException(from, to);
    }
  }

  private static final OperationStatus[] VALUES = values();

  public static Optional<OperationStatus> fromWire(String s) {
    return WireNames.find(VALUES, OperationStatus::wire, s);
  }

  @Override
  public String toString() {
    return wire;
  }
}
