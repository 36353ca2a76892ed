package dev.ktrdr.agent.inprocess;

/**
 * Designs a strategy from a brief. The result map holds at least {@code strategy_name}, {@code
 * input_tokens} and {@code output_tokens}.
 */
public interface DesignAgent {
  InProcessWork design(String brief, String modelId);

  /**
   * Designs for {@code input}; an agent that reads only the brief and the model (the stub) need not
   * override this.
   */
  default InProcessWork design(DesignInput input) {
    return design(input.brief(), input.modelId());
  }
}
