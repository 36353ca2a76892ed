package dev.ktrdr.agent;

/** What the coordinator's most recent cycle did; {@code startedAt} is ISO-8601 UTC. */
public record LastCycle(String startedAt, long durationMs, int researches, int errors) {}
