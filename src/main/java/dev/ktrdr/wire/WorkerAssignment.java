package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The reply to a worker's poll: jobs to start, operations to stop (both often empty). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"jobs", "cancels"})
public record WorkerAssignment(List<WorkerJob> jobs, List<String> cancels) {}
