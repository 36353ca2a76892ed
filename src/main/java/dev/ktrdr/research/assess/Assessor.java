package dev.ktrdr.research.assess;

import dev.ktrdr.research.CancelSignal;

/** Judges a research from its numbers. */
public interface Assessor {
  /**
   * The verdict on {@code input}.
   *
   * @throws AssessmentException with a message a user can act on (and the tokens spent, if any)
   * @throws dev.ktrdr.research.ResearchCancelledException if {@code cancel} is raised
   */
  Assessment assess(AssessmentInput input, CancelSignal cancel);
}
