package dev.ktrdr.research.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.Fixtures;
import dev.ktrdr.research.NotEnoughDataException;
import dev.ktrdr.research.ResearchCancelledException;
import dev.ktrdr.research.data.BundledDatasets;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.strategy.ModelSpec;
import dev.ktrdr.research.strategy.StrategySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ModelTrainerTest {
  private final Dataset btc = BundledDatasets.find("btcusd-5m").orElseThrow().slice(0, 600);

  private StrategySpec spec(int epochs, ModelSpec model) {
    StrategySpec s = Fixtures.everyIndicator(btc.id(), 7, epochs);
    return new StrategySpec(
        s.version(),
        s.name(),
        s.dataset(),
        s.indicators(),
        s.features(),
        s.labelHorizon(),
        model,
        s.rules(),
        s.positionMode(),
        s.trainFraction(),
        s.seed());
  }

  @Test
  void logisticRegressionStartsAtLn2AndItsLossFalls() {
    List<Double> heard = new ArrayList<>();
    TrainingResult r =
        ModelTrainer.train(
            btc,
            spec(40, ModelSpec.logistic(40)),
            CancelSignal.NONE,
            (epoch, epochs, loss) -> heard.add(loss));
    assertThat(r.initialLoss()).isCloseTo(Math.log(2), within(1e-12)); // zero weights: p = 1/2
    assertThat(r.finalLoss()).isLessThan(r.initialLoss());
    assertThat(r.lossCurve()).hasSize(41).startsWith(r.initialLoss()).endsWith(r.finalLoss());
    assertThat(heard).isEqualTo(r.lossCurve().subList(1, 41));
    assertThat(r.epochs()).isEqualTo(40);
    assertThat(r.accuracy()).isBetween(0.0, 1.0);
    assertThat(r.trainRows() + r.holdoutRows()).isLessThan(420); // in-sample 70 % of 600
    assertThat(r.toMap())
        .containsKeys(
            "accuracy",
            "initial_loss",
            "final_loss",
            "loss_curve",
            "epochs",
            "model",
            "baseline_accuracy",
            "holdout_loss");
  }

  @Test
  void aLearnablePatternIsLearned() {
    // closes alternate up and down: the one-bar return says what the next bar does
    double[] closes = new double[400];
    for (int i = 0; i < closes.length; i++) {
      closes[i] = 100 + (i % 2 == 0 ? 0 : 1) + i * 0.001;
    }
    Dataset zigzag = Fixtures.daily(closes);
    StrategySpec s = spec(60, ModelSpec.logistic(60));
    s =
        new StrategySpec(
            s.version(),
            s.name(),
            zigzag.id(),
            s.indicators(),
            s.features(),
            1,
            s.model(),
            s.rules(),
            s.positionMode(),
            s.trainFraction(),
            s.seed());
    TrainingResult r = ModelTrainer.train(zigzag, s, CancelSignal.NONE, TrainingListener.NONE);
    assertThat(r.accuracy()).isEqualTo(1.0);
    assertThat(r.finalLoss()).isLessThan(0.1);
  }

  @Test
  void theSameSeedGivesTheSameModelBitForBitAndAnotherSeedAnother() {
    StrategySpec s = spec(20, ModelSpec.mlp(20, 8));
    TrainingResult a = ModelTrainer.train(btc, s, CancelSignal.NONE, TrainingListener.NONE);
    TrainingResult b = ModelTrainer.train(btc, s, CancelSignal.NONE, TrainingListener.NONE);
    assertThat(a.toMap()).isEqualTo(b.toMap());
    StrategySpec other =
        new StrategySpec(
            s.version(),
            s.name(),
            s.dataset(),
            s.indicators(),
            s.features(),
            s.labelHorizon(),
            s.model(),
            s.rules(),
            s.positionMode(),
            s.trainFraction(),
            8);
    assertThat(ModelTrainer.train(btc, other, CancelSignal.NONE, TrainingListener.NONE).toMap())
        .isNotEqualTo(a.toMap());
  }

  @Test
  void aFittedModelTravelsAsAMap() {
    TrainingResult r =
        ModelTrainer.train(
            btc, spec(5, ModelSpec.mlp(5, 4)), CancelSignal.NONE, TrainingListener.NONE);
    FittedModel copy = FittedModel.fromMap(r.model().toMap());
    double[] x = {0.1, -0.2, 0.3, 0, 0.01, -0.01, 0.2, 0.05, 0.01, -0.02};
    assertThat(copy.probability(x)).isEqualTo(r.model().probability(x));
    assertThat(copy.features()).isEqualTo(r.model().features());
    assertThatThrownBy(() -> FittedModel.fromMap(java.util.Map.of("type", "forest")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown model type forest");
  }

  @Test
  void aRaisedFlagStopsTheFitWithinTheEpochAndGivesNoResult() {
    AtomicBoolean flag = new AtomicBoolean();
    AtomicInteger lastEpoch = new AtomicInteger();
    assertThatThrownBy(
            () ->
                ModelTrainer.train(
                    btc,
                    spec(1000, ModelSpec.logistic(1000)),
                    CancelSignal.of(flag),
                    (epoch, epochs, loss) -> {
                      lastEpoch.set(epoch);
                      if (epoch == 3) {
                        flag.set(true);
                      }
                    }))
        .isInstanceOf(ResearchCancelledException.class);
    assertThat(lastEpoch.get()).isEqualTo(3); // the next mini-batch saw the flag
  }

  @Test
  void anInterruptStopsATrainingOnAnotherThreadAndTheThreadEnds() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                ModelTrainer.train(
                    btc,
                    spec(2000, ModelSpec.mlp(2000, 32)),
                    CancelSignal.NONE,
                    (epoch, epochs, loss) -> running.countDown());
              } catch (Throwable e) {
                outcome.set(e);
              }
            });
    t.start();
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
    t.interrupt();
    t.join(Duration.ofSeconds(10).toMillis());
    assertThat(t.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOf(ResearchCancelledException.class);
  }

  @Test
  void tooFewBarsIsAClearError() {
    Dataset tiny = btc.slice(0, 80);
    StrategySpec s = spec(5, ModelSpec.logistic(5));
    assertThatThrownBy(() -> ModelTrainer.train(tiny, s, CancelSignal.NONE, TrainingListener.NONE))
        .isInstanceOf(NotEnoughDataException.class)
        .hasMessageContaining("has 80 bars, too few for strategy all_indicators")
        .hasMessageContaining("needs at least " + ModelTrainer.minimumBars(s) + " bars");
    assertThat(btc.slice(0, ModelTrainer.minimumBars(s)))
        .satisfies(d -> ModelTrainer.train(d, s, CancelSignal.NONE, TrainingListener.NONE));
  }
}
