package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code {"success": false, "error": "what is wrong"}}: every refusal that is not a cancel's. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"success", "error"})
@JsonClassDescription("A refused request; error says what is wrong")
public record ApiError(@Always(false) boolean success, String error) {
  public static ApiError of(String message) {
    return new ApiError(false, message);
  }
}
