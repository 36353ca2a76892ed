package dev.ktrdr.workers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.ResearchCancelledException;
import dev.ktrdr.research.model.TrainingListener;
import dev.ktrdr.research.strategy.StrategySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TrainingJobTest {
  @Test
  @SuppressWarnings("unchecked")
  void reportsEveryEpochWithItsLossAndReturnsTheRealResult() {
    StrategySpec spec = Specs.withEpochs(Specs.spec("RSI", 7), 40);
    List<String> steps = new ArrayList<>();
    List<Integer> percents = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    Map<String, Object> r =
        TrainingJob.run(
            Specs.dataset(),
            spec,
            CancelSignal.NONE,
            (pct, step) -> {
              percents.add(pct);
              steps.add(step);
            },
            (epoch, epochs, loss) -> losses.add(loss));
    assertThat(losses).hasSize(40);
    // 40 epochs: every epoch moves the percentage, so every epoch is reported, loss included.
    assertThat(percents).startsWith(0).endsWith(100).hasSize(41).isSorted();
    assertThat(steps.get(1)).startsWith("Epoch 1/40, loss ");
    assertThat(steps.get(40)).startsWith("Epoch 40/40, loss ");
    List<Double> curve = (List<Double>) r.get("loss_curve");
    assertThat(curve).hasSize(41);
    assertThat(curve.subList(1, 41)).containsExactlyElementsOf(losses);
    assertThat(r.get("initial_loss")).isEqualTo(curve.get(0));
    assertThat(r.get("final_loss")).isEqualTo(curve.get(40));
    assertThat((double) r.get("accuracy")).isBetween(0.0, 1.0);
    assertThat((Map<String, Object>) r.get("model")).containsKeys("type", "features", "parameters");
    assertThat(r).containsEntry("dataset_id", Specs.DATASET).containsEntry("epochs", 40);
  }

  @Test
  void aCancelAfterAnEpochStopsAtTheNextMiniBatchAndReturnsNothing() {
    StrategySpec spec = Specs.withEpochs(Specs.spec("RSI", 7), 2000);
    AtomicBoolean cancel = new AtomicBoolean();
    List<Integer> epochsSeen = new ArrayList<>();
    TrainingListener cancelAfterFirst =
        (epoch, epochs, loss) -> {
          epochsSeen.add(epoch);
          cancel.set(true);
        };
    assertThatThrownBy(
            () ->
                TrainingJob.run(
                    Specs.dataset(),
                    spec,
                    CancelSignal.of(cancel),
                    JobProgress.NONE,
                    cancelAfterFirst))
        .isInstanceOf(ResearchCancelledException.class);
    assertThat(epochsSeen).as("no epoch after the cancel").containsExactly(1);
  }

  @Test
  void aCancelInTheMiddleOfAnEpochStopsIt() {
    StrategySpec spec = Specs.withEpochs(Specs.spec("momentum", 3), 2000);
    int[] looks = {0};
    List<Integer> epochsSeen = new ArrayList<>();
    // The signal is looked at before every mini-batch: raise it a few mini-batches in.
    assertThatThrownBy(
            () ->
                TrainingJob.run(
                    Specs.dataset(),
                    spec,
                    Specs.raisedAfter(50, looks),
                    JobProgress.NONE,
                    (epoch, epochs, loss) -> epochsSeen.add(epoch)))
        .isInstanceOf(ResearchCancelledException.class);
    assertThat(looks[0]).as("not looked at again after it was raised").isEqualTo(50);
    assertThat(epochsSeen.size()).isLessThan(50);
  }
}
