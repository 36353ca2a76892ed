package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One event of {@code GET /events} ({@code event: operation}): an operation as it is after a
 * committed change. Its {@code version} is also the event's {@code id}; versions are global and
 * only grow, so a client that reconnects with {@code Last-Event-ID} gets every operation changed
 * since, and one that holds a newer snapshot of an operation may drop an older one.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"version", "change", "from_status", "message", "operation"})
public record OperationChanged(
    @JsonPropertyDescription("The operation's version after this change; also the event id")
        long version,
    @JsonPropertyDescription(
            "What changed; 'snapshot' when read from the store on connect or resume")
        Change change,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonPropertyDescription("The status before a 'status' change")
        @OneOf(Vocabulary.OPERATION_STATUS)
        @Nullable
        String fromStatus,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonPropertyDescription("The line a 'log' or 'status' change wrote to the operation's log")
        @Nullable
        String message,
    OperationData operation) {

  /** A snapshot without a log line (catch-up on connect or resume). */
  public OperationChanged(long version, Change change, OperationData operation) {
    this(version, change, null, null, operation);
  }

  /** The event name of these events on the stream. */
  public static final String EVENT = "operation";

  /** What changed. */
  public enum Change {
    @JsonProperty("snapshot")
    SNAPSHOT,
    @JsonProperty("created")
    CREATED,
    @JsonProperty("status")
    STATUS,
    @JsonProperty("progress")
    PROGRESS,
    @JsonProperty("parameters")
    PARAMETERS,
    @JsonProperty("log")
    LOG
  }
}
