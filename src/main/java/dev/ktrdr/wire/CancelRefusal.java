package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** 404 / 409: {@code {"success": false, "reason", "message"}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"success", "reason", "message"})
public record CancelRefusal(@Always(false) boolean success, Reason reason, String message) {
  public static CancelRefusal of(Reason reason, String message) {
    return new CancelRefusal(false, reason, message);
  }

  /** Why a cancel was refused. */
  public enum Reason {
    @JsonProperty("not_found")
    NOT_FOUND,
    @JsonProperty("not_research")
    NOT_RESEARCH,
    @JsonProperty("not_cancellable")
    NOT_CANCELLABLE
  }
}
