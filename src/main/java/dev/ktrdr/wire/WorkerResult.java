package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** The body of {@code POST /workers/{worker_id}/result}: a job's result, or why it failed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"operation_id", "result", "error"})
public record WorkerResult(
    String operationId,
    @JsonPropertyDescription("The result when the job succeeded")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Map<String, Object> result,
    @JsonPropertyDescription("Why the job failed, in words a user can act on")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String error) {}
