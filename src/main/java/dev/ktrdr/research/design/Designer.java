package dev.ktrdr.research.design;

import dev.ktrdr.research.CancelSignal;

/** Turns a brief into a strategy spec. */
public interface Designer {
  /**
   * Designs a strategy for {@code request}; the spec it returns has passed {@link
   * dev.ktrdr.research.strategy.StrategySpecs#validate}.
   *
   * @throws DesignException with a message a user can act on (and the tokens spent, if any)
   * @throws dev.ktrdr.research.ResearchCancelledException if {@code cancel} is raised
   */
  DesignResult design(DesignRequest request, CancelSignal cancel);
}
