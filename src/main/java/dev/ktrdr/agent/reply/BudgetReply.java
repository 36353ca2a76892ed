package dev.ktrdr.agent.reply;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code {"date", "daily_limit", "today_spend", "remaining"}} in dollars. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"date", "daily_limit", "today_spend", "remaining"})
public record BudgetReply(String date, double dailyLimit, double todaySpend, double remaining) {}
