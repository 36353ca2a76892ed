package dev.ktrdr.research.llm;

import dev.ktrdr.research.ResearchJson;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;

/** Replies in the shape of the Messages API, for a local MockWebServer. */
public final class FakeAnthropic {
  private FakeAnthropic() {}

  public static MockResponse message(String text, String stopReason, long in, long out) {
    Map<String, Object> body =
        Map.of(
            "id", "msg_test",
            "type", "message",
            "role", "assistant",
            "model", "claude-test-1",
            "content", List.of(Map.of("type", "text", "text", text)),
            "stop_reason", stopReason,
            "usage", Map.of("input_tokens", in, "output_tokens", out));
    return new MockResponse()
        .setHeader("content-type", "application/json")
        .setBody(ResearchJson.write(body));
  }

  public static MockResponse error(int status, String type, String message) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("content-type", "application/json")
        .setBody(
            ResearchJson.write(
                Map.of("type", "error", "error", Map.of("type", type, "message", message))));
  }

  public static LlmSettings settings(String baseUrl) {
    return new LlmSettings("test-key", baseUrl, java.time.Duration.ofSeconds(30), 0);
  }
}
