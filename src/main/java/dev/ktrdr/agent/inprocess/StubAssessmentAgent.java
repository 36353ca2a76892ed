package dev.ktrdr.agent.inprocess;

import dev.ktrdr.workers.stub.FaultInjection;
import dev.ktrdr.workers.stub.StubTiming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An assessment that takes the stub delay; verdict {@code promising} (3000/1500 tokens). */
public final class StubAssessmentAgent implements AssessmentAgent {
  public static final int INPUT_TOKENS = 3000;
  public static final int OUTPUT_TOKENS = 1500;

  private final StubTiming timing;

  public StubAssessmentAgent(StubTiming timing) {
    this.timing = timing;
  }

  @Override
  public InProcessWork assess(
      String brief,
      String modelId,
      Map<String, Object> trainingResult,
      Map<String, Object> backtestResult,
      Map<String, Object> gateRejection) {
    return new PacedWork() {
      @Override
      public StubTiming timing() {
        return timing;
      }

      @Override
      public boolean holds() {
        return FaultInjection.holdsAt(brief, FaultInjection.Stage.ASSESSMENT);
      }

      @Override
      public String step(int percent) {
        return "Reviewing results (" + percent + "%)";
      }

      @Override
      public Map<String, Object> result() {
        return verdict(brief, gateRejection);
      }
    };
  }

  private static Map<String, Object> verdict(String brief, Map<String, Object> gateRejection) {
    if (FaultInjection.failsAt(brief, FaultInjection.Stage.ASSESSMENT)) {
      throw new IllegalStateException(FaultInjection.message(FaultInjection.Stage.ASSESSMENT));
    }
    Map<String, Object> r = new LinkedHashMap<>();
    if (gateRejection == null) {
      r.put("verdict", "promising");
      r.put("strengths", List.of("Consistent win rate", "Drawdown within limits"));
      r.put("weaknesses", List.of("Few trades in ranging markets"));
      r.put("suggestions", List.of("Test on a second symbol", "Tune the RSI period"));
    } else {
      r.put("verdict", "rejected");
      r.put("strengths", List.of());
      r.put(
          "weaknesses",
          List.of(
              "Failed the " + gateRejection.get("gate") + " gate: " + gateRejection.get("detail")));
      r.put("suggestions", List.of("Revisit the feature set before retraining"));
      r.put("partial", true);
    }
    r.put("input_tokens", INPUT_TOKENS);
    r.put("output_tokens", OUTPUT_TOKENS);
    return r;
  }
}
