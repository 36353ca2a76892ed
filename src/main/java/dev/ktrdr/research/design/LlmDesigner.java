package dev.ktrdr.research.design;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.ResearchJson;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.llm.JsonReplies;
import dev.ktrdr.research.llm.LlmClient;
import dev.ktrdr.research.llm.LlmException;
import dev.ktrdr.research.llm.LlmReply;
import dev.ktrdr.research.llm.LlmRequest;
import dev.ktrdr.research.model.ModelTrainer;
import dev.ktrdr.research.strategy.SpecValidationException;
import dev.ktrdr.research.strategy.StrategySpec;
import dev.ktrdr.research.strategy.StrategySpecSchema;
import dev.ktrdr.research.strategy.StrategySpecs;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a model to write the strategy spec: the system prompt carries {@link StrategySpecSchema} and
 * the datasets there are; the reply must be {@code {"explanation": …, "spec": …}} and the spec must
 * pass the same validation as any other. The seed is the request's (a model cannot be trusted to
 * copy a 16-digit number), and the model's real token counts are recorded, also on failure ({@link
 * DesignException#inputTokens()}).
 */
public final class LlmDesigner implements Designer {
  /** The name this designer records in its results. */
  public static final String NAME = "llm";

  static final int MAX_TOKENS = 4096;

  private final LlmClient client;

  public LlmDesigner(LlmClient client) {
    this.client = client;
  }

  @Override
  public DesignResult design(DesignRequest request, CancelSignal cancel) {
    if (request.model() == null || request.model().isBlank()) {
      throw new DesignException("no model given for the model-based designer");
    }
    boolean pinned =
        notBlank(request.datasetId())
            || notBlank(request.symbol())
            || notBlank(request.timeframe());
    DatasetSummary pinnedDataset = pinned ? DatasetChooser.choose(request).dataset() : null;
    LlmReply reply;
    try {
      reply =
          client.complete(
              new LlmRequest(
                  request.model(),
                  system(request.datasets()),
                  user(request, pinnedDataset),
                  MAX_TOKENS),
              cancel);
    } catch (LlmException e) {
      throw new DesignException("design failed: " + e.getMessage(), 0, 0, e);
    }
    try {
      JsonNode node = JsonReplies.object(reply);
      JsonNode specNode = node.get("spec");
      if (specNode == null || !specNode.isObject()) {
        throw LlmException.spent("the model's reply has no 'spec' object", reply);
      }
      ((ObjectNode) specNode).put("seed", request.seed());
      StrategySpec spec;
      try {
        spec = StrategySpecs.parse(specNode);
      } catch (SpecValidationException e) {
        throw LlmException.spent("the model's " + e.getMessage(), reply);
      }
      DatasetSummary dataset = find(request.datasets(), spec.dataset());
      if (dataset == null) {
        throw LlmException.spent(
            "the model chose dataset '" + spec.dataset() + "', which does not exist", reply);
      }
      if (pinnedDataset != null && !pinnedDataset.id().equals(dataset.id())) {
        throw LlmException.spent(
            "the model chose dataset "
                + dataset.id()
                + " instead of the requested "
                + pinnedDataset.id(),
            reply);
      }
      if (ModelTrainer.minimumBars(spec) > dataset.barCount()) {
        throw LlmException.spent(
            "the model's strategy needs "
                + ModelTrainer.minimumBars(spec)
                + " bars but dataset "
                + dataset.id()
                + " has "
                + dataset.barCount(),
            reply);
      }
      String explanation = node.path("explanation").asText("");
      return new DesignResult(
          spec, explanation, NAME, reply.model(), reply.inputTokens(), reply.outputTokens());
    } catch (LlmException e) {
      throw new DesignException(
          "design failed: " + e.getMessage(), e.inputTokens(), e.outputTokens(), e);
    }
  }

  static String system(List<DatasetSummary> datasets) {
    List<String> lines = new ArrayList<>();
    for (DatasetSummary d : datasets) {
      lines.add(
          "- "
              + d.id()
              + ": "
              + d.symbol()
              + " "
              + d.timeframe()
              + " bars, "
              + d.barCount()
              + " bars from "
              + d.firstBar()
              + " to "
              + d.lastBar());
    }
    return "You design trading strategies for ktrdr, a research system. A strategy computes"
        + " indicators on price bars, feeds the named features to a small model that predicts"
        + " whether the close is higher `horizon` bars later, and trades on the model's"
        + " probability: long at or above rules.entry_threshold, flat (long_only) or short"
        + " (long_short) at or below rules.exit_threshold. The model trains on the first"
        + " train_fraction of the bars and is backtested on the rest; short datasets need short"
        + " indicator periods.\n\nDatasets:\n"
        + String.join("\n", lines)
        + "\n\nReply with one JSON object and nothing else: {\"explanation\": \"why this design"
        + " fits the brief, in two or three sentences\", \"spec\": <a strategy spec>}. The spec"
        + " must satisfy this JSON schema:\n"
        + ResearchJson.write(StrategySpecSchema.asMap());
  }

  private static String user(DesignRequest r, DatasetSummary pinned) {
    String brief = r.brief().isBlank() ? "(no brief: design a sound general strategy)" : r.brief();
    return "Brief: "
        + brief
        + "\nSeed: "
        + r.seed()
        + (pinned == null ? "" : "\nUse dataset " + pinned.id() + ".");
  }

  private static DatasetSummary find(List<DatasetSummary> all, String id) {
    for (DatasetSummary d : all) {
      if (d.id().equals(id)) {
        return d;
      }
    }
    return null;
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
