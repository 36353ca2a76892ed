package dev.ktrdr.agent.reply;

import dev.ktrdr.operations.OperationStatus;

/** A cancel that was refused, and why. */
public record CancelRefused(Reason reason, String message) implements CancelReply {

  /** The refusals SPEC §6 names. */
  public enum Reason {
    NOT_FOUND,
    NOT_RESEARCH,
    NOT_CANCELLABLE
  }

  public static CancelRefused notFound(String id) {
    return new CancelRefused(Reason.NOT_FOUND, "Operation not found: " + id);
  }

  public static CancelRefused notResearch(String id) {
    return new CancelRefused(Reason.NOT_RESEARCH, "Operation is not a research: " + id);
  }

  public static CancelRefused notCancellable(OperationStatus status) {
    return new CancelRefused(
        Reason.NOT_CANCELLABLE, "Cannot cancel " + status.wire() + " operation");
  }
}
