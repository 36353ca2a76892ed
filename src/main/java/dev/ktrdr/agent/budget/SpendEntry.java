package dev.ktrdr.agent.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The cost of one design or assessment. */
public record SpendEntry(
    String operationId,
    String researchId,
    LocalDate day,
    String model,
    long inputTokens,
    long outputTokens,
    BigDecimal costUsd,
    Instant recordedAt) {}
