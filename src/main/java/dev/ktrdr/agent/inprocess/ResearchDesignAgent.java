package dev.ktrdr.agent.inprocess;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.ResearchCancelledException;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.design.DesignException;
import dev.ktrdr.research.design.DesignRequest;
import dev.ktrdr.research.design.DesignResult;
import dev.ktrdr.research.design.Designer;
import dev.ktrdr.research.design.LlmDesigner;
import dev.ktrdr.workers.stub.FaultInjection;
import dev.ktrdr.workers.stub.StubTiming;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The real design: the research library's {@link Designer} (rule-based, or a Claude model through
 * the SDK) turns the brief into a strategy spec for the dataset the trigger asked for, or the one
 * the brief names, with the research's seed. The result is the library's {@link
 * DesignResult#toMap()}: {@code strategy_name}, {@code dataset}, {@code designer}, {@code model},
 * {@code explanation}, the real {@code input_tokens}/{@code output_tokens} (0 for the rule-based
 * designer) and the {@code spec}. A design that fails after the model answered still reports its
 * tokens ({@link InProcessFailure}). The brief's {@code INJECT_HOLD:design} marker holds it until
 * it is cancelled (demos, end-to-end tests); other markers are ignored and never reach the model.
 */
public final class ResearchDesignAgent implements DesignAgent {
  /** Holds a phase in the stubs' 50 ms slices, so a held design stops as fast as a stub. */
  private static final StubTiming HOLD = new StubTiming(Duration.ZERO);

  private final Designer designer;
  private final Supplier<List<DatasetSummary>> datasets;

  /** Designs with {@code designer} among the datasets {@code datasets} lists at the time. */
  public ResearchDesignAgent(Designer designer, Supplier<List<DatasetSummary>> datasets) {
    this.designer = designer;
    this.datasets = datasets;
  }

  @Override
  public InProcessWork design(String brief, String modelId) {
    return design(new DesignInput(brief, modelId, null, null));
  }

  @Override
  public InProcessWork design(DesignInput in) {
    return (progress, cancelled) -> {
      if (FaultInjection.holdsAt(in.brief(), FaultInjection.Stage.DESIGN)) {
        HOLD.hold(cancelled);
      }
      boolean llm = designer instanceof LlmDesigner;
      progress.report(10, llm ? "Asking " + in.modelId() + " for a strategy" : "Reading the brief");
      long seed =
          in.seed() != null
              ? in.seed()
              : ThreadLocalRandom.current().nextLong(DesignRequest.MAX_SEED + 1);
      DesignRequest request =
          new DesignRequest(
              FaultInjection.withoutMarkers(in.brief()),
              seed,
              in.datasetId(),
              null,
              null,
              datasets.get(),
              in.modelId());
      try {
        DesignResult result = designer.design(request, CancelSignal.of(cancelled));
        progress.report(100, "Designed " + result.spec().name());
        Map<String, Object> map = result.toMap();
        return map;
      } catch (DesignException e) {
        // The research's log already says which phase failed: keep the reason only.
        String reason = e.getMessage().replaceFirst("^design failed: ", "");
        throw new InProcessFailure(reason, e.inputTokens(), e.outputTokens(), e);
      } catch (ResearchCancelledException e) {
        throw new InterruptedException("cancelled");
      }
    };
  }
}
