package dev.ktrdr.desktop.table;

import dev.ktrdr.operations.OperationStatus;
import java.util.function.Predicate;

/** The status choices of the filter bar. */
public enum StatusFilter {
  ALL("All statuses", s -> true),
  ACTIVE("Active (running or pending)", OperationStatus::isActive),
  RUNNING("Running", s -> s == OperationStatus.RUNNING),
  PENDING("Pending", s -> s == OperationStatus.PENDING),
  COMPLETED("Completed", s -> s == OperationStatus.COMPLETED),
  FAILED("Failed", s -> s == OperationStatus.FAILED),
  CANCELLED("Cancelled", s -> s == OperationStatus.CANCELLED);

  private final String label;
  private final Predicate<OperationStatus> accepts;

  StatusFilter(String label, Predicate<OperationStatus> accepts) {
    this.label = label;
    this.accepts = accepts;
  }

  public boolean accepts(OperationStatus s) {
    return s != null && accepts.test(s);
  }

  @Override
  public String toString() {
    return label;
  }
}
