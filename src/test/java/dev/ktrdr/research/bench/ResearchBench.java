package dev.ktrdr.research.bench;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.ResearchPipeline;
import dev.ktrdr.research.assess.RuleBasedAssessor;
import dev.ktrdr.research.data.BundledDatasets;
import dev.ktrdr.research.data.DatasetCatalog;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.data.InMemoryDatasetStore;
import dev.ktrdr.research.design.DesignRequest;
import dev.ktrdr.research.design.RuleBasedDesigner;
import dev.ktrdr.research.model.ModelTrainer;
import dev.ktrdr.research.strategy.StrategySpec;
import java.util.List;
import java.util.Locale;

/**
 * How long a whole research takes on each bundled dataset (design, training, backtest, assessment),
 * and the longest stretch of training work between two cancellation checks. Not a test; run it with
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ktrdr.research.bench.ResearchBench [-Dexec.args="SEEDS"]</pre>
 */
public final class ResearchBench {
  private static final String[] BRIEFS = {
    "Explore RSI variations", "momentum with MACD", "mean reversion with bollinger bands",
    "volatility breakout", "trend following, long-short", "neural network on everything"
  };

  private ResearchBench() {}

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    long t0 = System.nanoTime();
    DatasetCatalog catalog = new DatasetCatalog(new InMemoryDatasetStore());
    List<DatasetSummary> datasets = catalog.list();
    System.out.printf(Locale.ROOT, "loading the bundled datasets: %.0f ms%n", ms(t0));
    ResearchPipeline pipeline =
        new ResearchPipeline(catalog, new RuleBasedDesigner(), new RuleBasedAssessor());
    for (String id : BundledDatasets.ids()) {
      for (String brief : BRIEFS) {
        for (long seed = 1; seed <= seeds; seed++) {
          long[] lastCheck = {System.nanoTime()};
          long[] maxGap = {0};
          CancelSignal probe =
              () -> {
                long now = System.nanoTime();
                maxGap[0] = Math.max(maxGap[0], now - lastCheck[0]);
                lastCheck[0] = now;
                return false;
              };
          long start = System.nanoTime();
          ResearchPipeline.Outcome o =
              pipeline.run(new DesignRequest(brief, seed, id, null, null, datasets, null), probe);
          StrategySpec spec = o.design().spec();
          System.out.printf(
              Locale.ROOT,
              "%-10s %-40s seed %d: %6.0f ms (max %.2f ms between cancel checks)  acc %.3f loss"
                  + " %.3f→%.3f  sharpe %6.2f  return %7.2f%%  b&h %7.2f%%  dd %5.1f%%  trades %3d"
                  + "  %s  [needs %d bars]%n",
              id,
              spec.name() + " (" + spec.model().type().wireName() + ")",
              seed,
              ms(start),
              maxGap[0] / 1e6,
              o.training().accuracy(),
              o.training().initialLoss(),
              o.training().finalLoss(),
              o.backtest().sharpeRatio(),
              o.backtest().totalReturn() * 100,
              o.backtest().buyAndHoldReturn() * 100,
              o.backtest().maxDrawdown() * 100,
              o.backtest().totalTrades(),
              o.assessment().verdict().wireName(),
              ModelTrainer.minimumBars(spec));
        }
      }
    }
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }
}
