package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The optional body of {@code POST /workers/{worker_id}/poll}: what the worker runs now. A job the
 * backend handed this worker but the worker does not list was lost on the way (the reply that
 * carried it never arrived): the backend sends it again.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WorkerPoll(
    @JsonPropertyDescription(
            "Operation ids of the jobs this worker runs, or finished with their result not yet"
                + " taken")
        List<String> running) {}
