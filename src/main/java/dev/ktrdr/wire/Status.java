package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code GET /agent/status}: the coordinator, its active researches, workers, budget, capacity. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"status", "active_researches", "last_cycle", "workers", "budget", "capacity"})
public record Status(
    State status,
    List<ActiveResearch> activeResearches,
    @JsonPropertyDescription("The coordinator's most recent cycle; null before the first") @Nullable
        LastCycle lastCycle,
    Workers workers,
    Budget budget,
    Capacity capacity) {

  /** {@code active} while any research is, else {@code idle}. */
  public enum State {
    @JsonProperty("active")
    ACTIVE,
    @JsonProperty("idle")
    IDLE
  }

  /** One active research. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "operation_id",
    "phase",
    "strategy_name",
    "duration_seconds",
    "child_operation_id"
  })
  public record ActiveResearch(
      String operationId,
      @OneOf(Vocabulary.PHASE) String phase,
      @Nullable String strategyName,
      double durationSeconds,
      @Nullable String childOperationId) {}

  /** What the coordinator's most recent cycle did. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"started_at", "duration_ms", "researches", "errors"})
  public record LastCycle(
      @DateTime String startedAt, long durationMs, int researches, int errors) {}

  /** Busy and total workers of each type. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"training", "backtesting"})
  public record Workers(WorkerCount training, WorkerCount backtesting) {}

  /** Busy and total workers of one type. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"busy", "total"})
  public record WorkerCount(int busy, int total) {}

  /** Dollars left today, and the daily limit. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"remaining", "daily_limit"})
  public record Budget(double remaining, double dailyLimit) {}

  /** Active researches and the research limit. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"active", "limit"})
  public record Capacity(int active, int limit) {}
}
