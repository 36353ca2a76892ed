package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The body of {@code POST /workers/{worker_id}/progress}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"operation_id", "percentage", "current_step"})
public record WorkerProgress(
    String operationId,
    @JsonPropertyDescription("0 to 100") double percentage,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String currentStep) {}
