package dev.ktrdr.agent.inprocess;

import java.util.Map;

/**
 * Assesses a research's results. {@code gateRejection} is non-null for a partial assessment. The
 * result holds {@code verdict}, {@code strengths}, {@code weaknesses}, {@code suggestions}, {@code
 * input_tokens} and {@code output_tokens}.
 */
public interface AssessmentAgent {
  InProcessWork assess(
      String brief,
      String modelId,
      Map<String, Object> trainingResult,
      Map<String, Object> backtestResult,
      Map<String, Object> gateRejection);

  /** Assesses {@code input}; an agent that needs no strategy spec need not override this. */
  default InProcessWork assess(AssessInput input) {
    return assess(
        input.brief(),
        input.modelId(),
        input.trainingResult(),
        input.backtestResult(),
        input.gateRejection());
  }
}
