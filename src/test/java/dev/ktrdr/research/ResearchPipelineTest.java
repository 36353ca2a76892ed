package dev.ktrdr.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.research.assess.RuleBasedAssessor;
import dev.ktrdr.research.data.DatasetCatalog;
import dev.ktrdr.research.data.InMemoryDatasetStore;
import dev.ktrdr.research.design.DesignRequest;
import dev.ktrdr.research.design.RuleBasedDesigner;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResearchPipelineTest {
  private final DatasetCatalog catalog = new DatasetCatalog(new InMemoryDatasetStore());
  private final ResearchPipeline pipeline =
      new ResearchPipeline(catalog, new RuleBasedDesigner(), new RuleBasedAssessor());

  private Map<String, Object> run(String brief, long seed) {
    return pipeline
        .run(
            new DesignRequest(brief, seed, "btcusd-1h", null, null, catalog.list(), null),
            CancelSignal.NONE)
        .toMap();
  }

  @Test
  void theSameBriefDatasetAndSeedGiveTheSameSpecModelAndMetrics() {
    Map<String, Object> a = run("neural momentum, long-short", 77);
    Map<String, Object> b = run("neural momentum, long-short", 77);
    assertThat(a).isEqualTo(b);
    assertThat(ResearchJson.write(a)).isEqualTo(ResearchJson.write(b));
  }

  @Test
  void anotherSeedGivesAnotherModel() {
    assertThat(run("neural momentum", 1).get("training_result"))
        .isNotEqualTo(run("neural momentum", 2).get("training_result"));
  }

  @Test
  void everyPhaseLeavesItsResult() {
    Map<String, Object> r = run("Explore RSI variations", 3);
    assertThat(r).containsKeys("design", "training_result", "backtest_result", "assessment");
    @SuppressWarnings("unchecked")
    Map<String, Object> design = (Map<String, Object>) r.get("design");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) design.get("spec");
    assertThat(spec).containsEntry("seed", 3L);
  }
}
