package dev.ktrdr.agent.inprocess;

/**
 * What a design starts from: the research's brief and model, and what its trigger fixed.
 *
 * @param datasetId the dataset the trigger asked for, or null to let the design choose
 * @param seed the research's seed (recorded at trigger), or null
 */
public record DesignInput(String brief, String modelId, String datasetId, Long seed) {}
