package dev.ktrdr.agent.reply;

/** A trigger that created nothing: the budget is spent, or the research limit is reached. */
public sealed interface TriggerRefused extends TriggerReply
    permits TriggerRefused.BudgetExhausted, TriggerRefused.AtCapacity {

  static BudgetExhausted budgetExhausted(String message) {
    return new BudgetExhausted(message);
  }

  static AtCapacity atCapacity(int active, int limit) {
    return new AtCapacity(active, limit);
  }

  /** Less than the minimum is left of today's budget. */
  record BudgetExhausted(String message) implements TriggerRefused {}

  /** {@code activeCount} researches are active and the limit is {@code limit}. */
  record AtCapacity(int activeCount, int limit) implements TriggerRefused {
    @Override
    public String message() {
      return "At capacity: " + activeCount + " active researches, limit is " + limit;
    }
  }
}
