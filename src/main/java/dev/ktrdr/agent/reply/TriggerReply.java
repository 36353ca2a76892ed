package dev.ktrdr.agent.reply;

/** The answer to a trigger: {@link Triggered} or {@link TriggerRefused}. */
public sealed interface TriggerReply permits Triggered, TriggerRefused {
  boolean triggered();

  String message();
}
