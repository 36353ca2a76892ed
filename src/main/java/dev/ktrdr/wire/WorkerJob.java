package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** One training or backtest handed to a worker, with everything it needs to run it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"operation_id", "research_id", "worker_type", "parameters", "training_result"})
public record WorkerJob(
    String operationId,
    @Nullable String researchId,
    @OneOf(Vocabulary.WORKER_TYPE) String workerType,
    @JsonPropertyDescription(
            "The child operation's parameters: brief, strategy_spec, dataset_id, seed, …")
        Map<String, Object> parameters,
    @JsonPropertyDescription("For a backtest: the result of its training, fitted model included")
        @Nullable
        Map<String, Object> trainingResult) {}
