package dev.ktrdr.research.llm;

/** One question to a model: its full id, the system prompt, the user's message, a reply limit. */
public record LlmRequest(String model, String system, String user, int maxTokens) {}
