package dev.ktrdr.agent.inprocess;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.ResearchCancelledException;
import dev.ktrdr.research.assess.Assessment;
import dev.ktrdr.research.assess.AssessmentException;
import dev.ktrdr.research.assess.AssessmentInput;
import dev.ktrdr.research.assess.Assessor;
import dev.ktrdr.research.assess.LlmAssessor;
import dev.ktrdr.research.assess.RuleBasedAssessor;
import dev.ktrdr.research.llm.LlmClient;
import dev.ktrdr.workers.stub.FaultInjection;
import dev.ktrdr.workers.stub.StubTiming;
import java.time.Duration;
import java.util.Map;

/**
 * The real assessment: the research library's rule-based assessor, or (with a model client) the
 * research's Claude model, judges the actual numbers. The result is the library's {@link
 * Assessment#toMap()} ({@code verdict} {@code promising}/{@code mixed}/{@code reject}, {@code
 * strengths}, {@code weaknesses}, {@code suggestions}, {@code summary}, the real token counts),
 * plus {@code partial: true} when a gate sent the research here early. The brief's {@code
 * INJECT_HOLD:assessment} marker holds it until it is cancelled.
 */
public final class ResearchAssessmentAgent implements AssessmentAgent {
  private static final StubTiming HOLD = new StubTiming(Duration.ZERO);
  private static final Assessor RULES = new RuleBasedAssessor();

  private final LlmClient client;

  /** Assesses by rules when {@code client} is null, else by asking the research's model. */
  public ResearchAssessmentAgent(LlmClient client) {
    this.client = client;
  }

  @Override
  public InProcessWork assess(
      String brief,
      String modelId,
      Map<String, Object> trainingResult,
      Map<String, Object> backtestResult,
      Map<String, Object> gateRejection) {
    return assess(
        new AssessInput(brief, modelId, null, trainingResult, backtestResult, gateRejection));
  }

  @Override
  public InProcessWork assess(AssessInput in) {
    return (progress, cancelled) -> {
      if (FaultInjection.holdsAt(in.brief(), FaultInjection.Stage.ASSESSMENT)) {
        HOLD.hold(cancelled);
      }
      Assessor assessor = client == null ? RULES : new LlmAssessor(client, in.modelId());
      progress.report(
          10, client == null ? "Judging the numbers" : "Asking " + in.modelId() + " for a verdict");
      Object gate = in.gateRejection() == null ? null : in.gateRejection().get("reason");
      AssessmentInput input =
          new AssessmentInput(
              in.strategySpec(),
              in.trainingResult(),
              in.backtestResult(),
              gate == null ? null : gate.toString());
      try {
        Assessment a = assessor.assess(input, CancelSignal.of(cancelled));
        progress.report(100, "Verdict: " + a.verdict().wireName());
        Map<String, Object> result = a.toMap();
        if (in.gateRejection() != null) {
          result.put("partial", true);
        }
        return result;
      } catch (AssessmentException e) {
        // The research's log already says which phase failed: keep the reason only.
        String reason = e.getMessage().replaceFirst("^assessment failed: ", "");
        throw new InProcessFailure(reason, e.inputTokens(), e.outputTokens(), e);
      } catch (ResearchCancelledException e) {
        throw new InterruptedException("cancelled");
      }
    };
  }
}
