package dev.ktrdr.research.llm;

import dev.ktrdr.research.CancelSignal;

/** Asks a language model one question. */
@FunctionalInterface
public interface LlmClient {
  /**
   * Sends {@code request} and waits for the reply, giving up as soon as {@code cancel} is raised or
   * the thread is interrupted.
   *
   * @throws LlmException with a message a user can act on (bad key, unknown model, overload, …)
   * @throws dev.ktrdr.research.ResearchCancelledException if cancelled while waiting
   */
  LlmReply complete(LlmRequest request, CancelSignal cancel);
}
