package dev.ktrdr.agent.reply;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.ktrdr.agent.LastCycle;
import java.util.List;
import java.util.Map;

/** The coordinator's state (SPEC §6 {@code getStatus()}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"status", "active_researches", "last_cycle", "workers", "budget", "capacity"})
public record StatusReply(
    String status,
    List<ActiveResearch> activeResearches,
    LastCycle lastCycle,
    Map<String, WorkerCount> workers,
    BudgetSummary budget,
    Capacity capacity) {

  /** One active research as the status lists it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ActiveResearch(
      String operationId,
      String phase,
      String strategyName,
      double durationSeconds,
      String childOperationId) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record WorkerCount(int busy, int total) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record BudgetSummary(double remaining, double dailyLimit) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Capacity(int active, int limit) {}
}
