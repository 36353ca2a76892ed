package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The last event of {@code GET /events} for a client the server gives up on ({@code event:
 * dropped}): it read too slowly and its buffer filled, or the server is stopping. The client may
 * reconnect with {@code Last-Event-ID} and misses nothing.
 */
public record StreamDropped(@JsonPropertyDescription("Why the stream ends") String reason) {
  /** The event name of this event on the stream. */
  public static final String EVENT = "dropped";
}
