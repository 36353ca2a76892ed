package dev.ktrdr.research.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ktrdr.research.ResearchJson;

/** Finds the JSON object in a model's text reply (models like to wrap it in a code fence). */
public final class JsonReplies {
  private JsonReplies() {}

  /**
   * The JSON object in {@code reply}'s text.
   *
   * @throws LlmException if the reply was cut off or holds no valid JSON object (with its tokens)
   */
  public static JsonNode object(LlmReply reply) {
    if (reply.truncated()) {
      throw LlmException.spent(
          "the model's reply was cut off at the token limit (stop_reason max_tokens) before the"
              + " JSON was complete",
          reply);
    }
    String text = reply.text() == null ? "" : reply.text();
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end < start) {
      throw LlmException.spent("the model's reply holds no JSON object: " + excerpt(text), reply);
    }
    try {
      JsonNode node = ResearchJson.mapper().readTree(text.substring(start, end + 1));
      if (node == null || !node.isObject()) {
        throw LlmException.spent("the model's reply holds no JSON object: " + excerpt(text), reply);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw LlmException.spent(
          "the model's reply is not valid JSON (" + e.getOriginalMessage() + "): " + excerpt(text),
          reply);
    }
  }

  private static String excerpt(String text) {
    String t = text.strip().replaceAll("\\s+", " ");
    return t.isEmpty() ? "(empty)" : t.length() > 120 ? t.substring(0, 120) + "…" : t;
  }
}
