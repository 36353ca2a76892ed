package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code GET /agent/budget}: today's model budget in dollars. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"date", "daily_limit", "today_spend", "remaining"})
public record BudgetReport(
    @JsonPropertyDescription("The UTC day, yyyy-MM-dd") String date,
    double dailyLimit,
    double todaySpend,
    double remaining) {}
