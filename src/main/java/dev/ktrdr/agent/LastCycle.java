package dev.ktrdr.agent;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** What the coordinator's most recent cycle did. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LastCycle(String startedAt, long durationMs, int researches, int errors) {}
