package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A page of operations: {@code {"success": true, "data": [...], "total_count", "active_count"}}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"success", "data", "total_count", "active_count"})
public record OperationList(
    @Always(true) boolean success,
    List<OperationData> data,
    @JsonPropertyDescription("Operations matching the filter, all pages") int totalCount,
    @JsonPropertyDescription("Of those, how many are pending or running") int activeCount) {
  public static OperationList of(List<OperationData> data, int totalCount, int activeCount) {
    return new OperationList(true, data, totalCount, activeCount);
  }
}
