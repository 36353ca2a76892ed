package dev.ktrdr.agent.inprocess;

import java.util.Map;

/**
 * What an assessment reads: the research's brief and model, its strategy spec (null if the design
 * made none), its results (the backtest's is null after a training gate) and the gate rejection
 * that sent it to assessment early, or null.
 */
public record AssessInput(
    String brief,
    String modelId,
    Map<String, Object> strategySpec,
    Map<String, Object> trainingResult,
    Map<String, Object> backtestResult,
    Map<String, Object> gateRejection) {}
