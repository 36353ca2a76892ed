package dev.ktrdr.remote;

/**
 * What the server said to a trigger or a cancel: done or refused, and its own words (a refused
 * cancel says why, e.g. "Cannot cancel cancelled operation" when another console won).
 *
 * @param operationId the research triggered or cancelled (null when refused)
 */
public record Outcome(boolean success, String operationId, String message) {}
