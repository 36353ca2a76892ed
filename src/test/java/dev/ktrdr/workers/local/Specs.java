package dev.ktrdr.workers.local;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.data.BundledDatasets;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.design.DesignRequest;
import dev.ktrdr.research.design.RuleBasedDesigner;
import dev.ktrdr.research.strategy.StrategySpec;
import dev.ktrdr.research.strategy.StrategySpecs;
import java.util.List;
import java.util.Map;

/** Small real inputs for the local jobs: the 252 daily AAPL bars and a rule-based design. */
final class Specs {
  static final String DATASET = BundledDatasets.AAPL_1D;

  private Specs() {}

  static Dataset dataset() {
    return BundledDatasets.find(DATASET).orElseThrow();
  }

  /** A rule-based design for {@code brief} on AAPL daily bars with {@code seed}. */
  static StrategySpec spec(String brief, long seed) {
    return new RuleBasedDesigner()
        .design(
            new DesignRequest(brief, seed, DATASET, null, null, List.of(dataset().summary()), null),
            CancelSignal.NONE)
        .spec();
  }

  /** {@code spec} with another number of epochs. */
  @SuppressWarnings("unchecked")
  static StrategySpec withEpochs(StrategySpec spec, int epochs) {
    Map<String, Object> m = new java.util.LinkedHashMap<>(spec.toMap());
    Map<String, Object> model = new java.util.LinkedHashMap<>((Map<String, Object>) m.get("model"));
    model.put("epochs", epochs);
    m.put("model", model);
    return StrategySpecs.fromMap(m);
  }

  /** A signal that is raised from its {@code n}-th look on: cancels in the middle of the work. */
  static CancelSignal raisedAfter(int n, int[] looks) {
    return () -> ++looks[0] >= n;
  }
}
