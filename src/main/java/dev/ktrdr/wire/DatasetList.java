package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code GET /data}: {@code {"success": true, "data": [...]}}, bundled datasets first. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"success", "data"})
public record DatasetList(@Always(true) boolean success, List<DatasetInfo> data) {
  public static DatasetList of(List<DatasetInfo> data) {
    return new DatasetList(true, data);
  }
}
