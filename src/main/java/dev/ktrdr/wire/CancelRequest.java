package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The optional body of a cancel; the {@code ?reason=} query parameter wins over it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelRequest(
    @JsonPropertyDescription("Why; recorded as cancel_reason (default \"Cancelled by user\")")
        @Nullable
        String reason) {
  public static final CancelRequest EMPTY = new CancelRequest(null);
}
