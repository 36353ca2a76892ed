package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The body of {@code POST /workers}: a worker process (`ktrdr worker`) registering, or registering
 * again after the backend restarted, with the jobs it still runs.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"worker_id", "worker_type", "capacity", "host", "running"})
public record WorkerRegistration(
    @JsonPropertyDescription(
            "The name it had before (kept across a backend restart); omit for a new one")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String workerId,
    @OneOf(Vocabulary.WORKER_TYPE) String workerType,
    @JsonPropertyDescription("How many jobs it runs at once (1-64)") int capacity,
    @JsonPropertyDescription("The machine it runs on, for the logs")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String host,
    @JsonPropertyDescription("Operation ids of the jobs it is running now")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        List<String> running) {}
