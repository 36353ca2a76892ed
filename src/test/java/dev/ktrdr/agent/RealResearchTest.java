package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.research.data.BundledDatasets;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real research through the engine: the rule-based designer, local training and backtest workers
 * and the rule-based assessor, on the smallest bundled dataset (252 daily bars).
 */
class RealResearchTest {
  private static final String DATASET = BundledDatasets.AAPL_1D;

  @TempDir Path dir;

  private static TriggerRequest request(String brief, long seed) {
    return new TriggerRequest(brief, null, true, false)
        .onDataset(DATASET, null, null)
        .withSeed(seed);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aResearchDesignsTrainsBacktestsAndAssessesWithRealNumbers() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.realSettings())) {
      String id = e.trigger(request("RSI mean reversion", 42));
      e.awaitStatus(id, OperationStatus.COMPLETED);
      Operation r = e.get(id);
      assertThat(r.param("dataset_id")).isEqualTo(DATASET);
      assertThat(r.param("seed")).isEqualTo("42");
      Map<String, Object> spec = (Map<String, Object>) r.parameters().get("strategy_spec");
      assertThat(spec).containsEntry("dataset", DATASET).containsEntry("seed", 42);
      System.out.println(r.parameters());
      Operation training = e.get(e.childOf(id, Phase.TRAINING));
      System.out.println(training.resultSummary().keySet());
      Operation backtest = e.get(e.childOf(id, Phase.BACKTESTING));
      System.out.println(backtest.resultSummary().keySet());
      System.out.println(r.resultSummary());
    }
  }
}
