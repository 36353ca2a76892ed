package dev.ktrdr.agent.reply;

/** The research (or a lone operation) is cancelled; {@code childCancelled} may be null. */
public record Cancelled(String operationId, String childCancelled, String message)
    implements CancelReply {
  public static final String RESEARCH_CANCELLED = "Research cancelled";
  public static final String OPERATION_CANCELLED = "Operation cancelled";

  /** A research, and the child that was running under it (or null). */
  public Cancelled(String operationId, String childCancelled) {
    this(operationId, childCancelled, RESEARCH_CANCELLED);
  }

  /** An operation that is not part of an active research, cancelled alone. */
  public static Cancelled operation(String operationId) {
    return new Cancelled(operationId, null, OPERATION_CANCELLED);
  }
}
