package dev.ktrdr.agent.reply;

/** The answer to a cancel: {@link Cancelled} or {@link CancelRefused}. */
public sealed interface CancelReply permits Cancelled, CancelRefused {
  boolean success();

  String message();
}
