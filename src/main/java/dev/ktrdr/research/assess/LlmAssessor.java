package dev.ktrdr.research.assess;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.ResearchJson;
import dev.ktrdr.research.llm.JsonReplies;
import dev.ktrdr.research.llm.LlmClient;
import dev.ktrdr.research.llm.LlmException;
import dev.ktrdr.research.llm.LlmReply;
import dev.ktrdr.research.llm.LlmRequest;
import java.util.ArrayList;
import java.util.List;

/** Asks a model for the verdict, given the research's numbers; checks the reply's shape. */
public final class LlmAssessor implements Assessor {
  /** The name this assessor records in its results. */
  public static final String NAME = "llm";

  static final int MAX_TOKENS = 2048;
  static final String SYSTEM =
      "You assess the results of an automated trading-strategy research: a model was trained on"
          + " the first part of a price series and its signals were backtested on the rest"
          + " (out of sample). Judge only from the numbers you are given. Reply with one JSON"
          + " object and nothing else: {\"verdict\": \"promising\" | \"mixed\" | \"reject\","
          + " \"strengths\": [string], \"weaknesses\": [string], \"suggestions\": [string],"
          + " \"summary\": string}. Each list has at most 6 short items that cite the numbers.";

  private final LlmClient client;
  private final String model;

  /** An assessor asking {@code model} (a full model id) through {@code client}. */
  public LlmAssessor(LlmClient client, String model) {
    this.client = client;
    this.model = model;
  }

  @Override
  public Assessment assess(AssessmentInput input, CancelSignal cancel) {
    String user = "Assess this research:\n" + ResearchJson.writePretty(input.compact());
    LlmReply reply;
    try {
      reply = client.complete(new LlmRequest(model, SYSTEM, user, MAX_TOKENS), cancel);
    } catch (LlmException e) {
      throw new AssessmentException("assessment failed: " + e.getMessage(), 0, 0, e);
    }
    try {
      JsonNode node = JsonReplies.object(reply);
      Verdict v = Verdict.fromWire(node.path("verdict").asText(""));
      if (v == null) {
        throw LlmException.spent(
            "the model's verdict '"
                + node.path("verdict").asText("")
                + "' is not promising, mixed or reject",
            reply);
      }
      return new Assessment(
          v,
          strings(node, "strengths", reply),
          strings(node, "weaknesses", reply),
          strings(node, "suggestions", reply),
          node.path("summary").asText(""),
          NAME,
          reply.model(),
          reply.inputTokens(),
          reply.outputTokens());
    } catch (LlmException e) {
      throw new AssessmentException(
          "assessment failed: " + e.getMessage(), e.inputTokens(), e.outputTokens(), e);
    }
  }

  private static List<String> strings(JsonNode node, String field, LlmReply reply) {
    JsonNode a = node.get(field);
    if (a == null || !a.isArray()) {
      throw LlmException.spent("the model's reply has no '" + field + "' list", reply);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : a) {
      if (!s.isTextual()) {
        throw LlmException.spent("'" + field + "' must hold only strings", reply);
      }
      out.add(s.asText());
    }
    return out;
  }
}
