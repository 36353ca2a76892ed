package dev.ktrdr.research.strategy;

import java.util.List;

/** A strategy spec that breaks the schema or a rule; the message lists every problem found. */
public final class SpecValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public SpecValidationException(List<String> problems) {
    super("invalid strategy spec: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, e.g. {@code $.label.horizon: must be at most 100}. */
  public List<String> problems() {
    return problems;
  }
}
