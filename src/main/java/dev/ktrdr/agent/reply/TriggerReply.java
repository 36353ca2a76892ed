package dev.ktrdr.agent.reply;

/**
 * The answer to a trigger: {@link Triggered} or a {@link TriggerRefused}. Whether it started a
 * research is its type, so no flag can say otherwise.
 */
public sealed interface TriggerReply permits Triggered, TriggerRefused {
  String message();

  /** True exactly for {@link Triggered}. */
  default boolean triggered() {
    return this instanceof Triggered;
  }
}
