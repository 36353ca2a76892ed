package dev.ktrdr.research;

import dev.ktrdr.research.assess.Assessment;
import dev.ktrdr.research.assess.AssessmentInput;
import dev.ktrdr.research.assess.Assessor;
import dev.ktrdr.research.backtest.BacktestConfig;
import dev.ktrdr.research.backtest.BacktestResult;
import dev.ktrdr.research.backtest.ModelBacktest;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.data.DatasetCatalog;
import dev.ktrdr.research.design.DesignRequest;
import dev.ktrdr.research.design.DesignResult;
import dev.ktrdr.research.design.Designer;
import dev.ktrdr.research.model.ModelTrainer;
import dev.ktrdr.research.model.TrainingListener;
import dev.ktrdr.research.model.TrainingResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole research in one call, the four phases back to back with no gates between them: for the
 * benchmark, for tests of reproducibility, and for tools that want one answer. The console runs the
 * same phases one by one (design and assessment in-process, training and backtest on workers).
 */
public final class ResearchPipeline {
  private final DatasetCatalog catalog;
  private final Designer designer;
  private final Assessor assessor;

  public ResearchPipeline(DatasetCatalog catalog, Designer designer, Assessor assessor) {
    this.catalog = catalog;
    this.designer = designer;
    this.assessor = assessor;
  }

  /** The four results of one research. */
  public record Outcome(
      DesignResult design,
      TrainingResult training,
      BacktestResult backtest,
      Assessment assessment) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("design", design.toMap());
      m.put("training_result", training.toMap());
      m.put("backtest_result", backtest.toMap());
      m.put("assessment", assessment.toMap());
      return m;
    }
  }

  /**
   * Designs, trains, backtests (default commission) and assesses.
   *
   * @throws ResearchCancelledException if {@code cancel} is raised in any phase
   */
  public Outcome run(DesignRequest request, CancelSignal cancel) {
    DesignResult design = designer.design(request, cancel);
    Dataset dataset = catalog.get(design.spec().dataset());
    TrainingResult training =
        ModelTrainer.train(dataset, design.spec(), cancel, TrainingListener.NONE);
    BacktestResult backtest =
        ModelBacktest.run(
            dataset, design.spec(), training.model(), BacktestConfig.DEFAULT_COMMISSION, cancel);
    Assessment assessment =
        assessor.assess(AssessmentInput.of(design.spec(), training, backtest, null), cancel);
    return new Outcome(design, training, backtest, assessment);
  }
}
