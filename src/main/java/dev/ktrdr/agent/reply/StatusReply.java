package dev.ktrdr.agent.reply;

import dev.ktrdr.agent.LastCycle;
import java.util.List;
import java.util.Map;

/**
 * The coordinator's state (SPEC §6 {@code getStatus()}). Whether it is active is derived from the
 * list of active researches, so the two cannot disagree.
 */
public record StatusReply(
    List<ActiveResearch> activeResearches,
    LastCycle lastCycle,
    Map<String, WorkerCount> workers,
    BudgetSummary budget,
    Capacity capacity) {

  /** True while any research is active. */
  public boolean isActive() {
    return !activeResearches.isEmpty();
  }

  /** {@code active} or {@code idle}, as the window shows it. */
  public String status() {
    return isActive() ? "active" : "idle";
  }

  /** One active research as the status lists it; strategy and child may be null. */
  public record ActiveResearch(
      String operationId,
      String phase,
      String strategyName,
      double durationSeconds,
      String childOperationId) {}

  public record WorkerCount(int busy, int total) {}

  public record BudgetSummary(double remaining, double dailyLimit) {}

  public record Capacity(int active, int limit) {}
}
