package dev.ktrdr.agent.reply;

/** A research was created and started with the given model id. */
public record Triggered(String operationId, String model) implements TriggerReply {
  public static final String MESSAGE = "Research cycle started";

  @Override
  public String message() {
    return MESSAGE;
  }
}
