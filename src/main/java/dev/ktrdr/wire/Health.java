package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code GET /health}: 200 {@code ok}, or 503 {@code unavailable} with what is wrong. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"status", "version", "time", "problems"})
public record Health(
    State status,
    String version,
    @DateTime String time,
    @JsonPropertyDescription("What is wrong, one line per failed check; empty when ok")
        List<String> problems) {

  /** {@code ok} when the database answers and the coordinator loop is alive. */
  public enum State {
    @JsonProperty("ok")
    OK,
    @JsonProperty("unavailable")
    UNAVAILABLE
  }
}
