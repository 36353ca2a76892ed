package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The reply to a progress report: false when the job is no longer wanted (stop it). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"keep_running"})
public record WorkerProgressReply(boolean keepRunning) {}
