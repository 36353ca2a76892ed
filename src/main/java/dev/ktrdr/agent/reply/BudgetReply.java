package dev.ktrdr.agent.reply;

/** Today's budget in dollars; {@code date} is the UTC day as yyyy-MM-dd. */
public record BudgetReply(String date, double dailyLimit, double todaySpend, double remaining) {}
