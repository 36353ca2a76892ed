package dev.ktrdr.agent.reply;

/**
 * The answer to a cancel: {@link Cancelled} or {@link CancelRefused}. Whether it succeeded is its
 * type, so no flag can say otherwise.
 */
public sealed interface CancelReply permits Cancelled, CancelRefused {
  String message();

  /** True exactly for {@link Cancelled}. */
  default boolean success() {
    return this instanceof Cancelled;
  }
}
