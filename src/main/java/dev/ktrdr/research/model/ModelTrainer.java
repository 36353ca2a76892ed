package dev.ktrdr.research.model;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.NotEnoughDataException;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.features.DataSplit;
import dev.ktrdr.research.features.FeatureEngine;
import dev.ktrdr.research.features.FeatureMatrix;
import dev.ktrdr.research.features.Labels;
import dev.ktrdr.research.strategy.ModelSpec;
import dev.ktrdr.research.strategy.StrategySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits a strategy's model on the in-sample part of a dataset, epoch by epoch, with mini-batch
 * gradient descent (Adam) on the cross-entropy loss.
 *
 * <p>Rows: every in-sample bar from the features' warm-up on whose label (the close {@code horizon}
 * bars ahead) is still in sample. The last {@value #HOLDOUT_SHARE} of them are held out for {@code
 * accuracy}; the {@code horizon} rows before the held-out tail are left out of fitting, so no
 * fitting label looks into the held-out period.
 *
 * <p>It checks for cancellation before every mini-batch (a few microseconds of work) and never
 * returns a partial result: a cancelled fit throws {@link
 * dev.ktrdr.research.ResearchCancelledException}. Deterministic: the same spec (seed included) and
 * data give the same parameters, bit for bit.
 */
public final class ModelTrainer {
  static final double HOLDOUT_SHARE = 0.2;
  static final int MIN_FIT_ROWS = 30;
  static final int MIN_HOLDOUT_ROWS = 10;
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private ModelTrainer() {}

  /**
   * Trains {@code spec}'s model on {@code dataset}.
   *
   * @throws NotEnoughDataException if the in-sample part is too short for the spec
   * @throws dev.ktrdr.research.ResearchCancelledException if {@code cancel} is raised
   */
  public static TrainingResult train(
      Dataset dataset, StrategySpec spec, CancelSignal cancel, TrainingListener listener) {
    DataSplit split = DataSplit.of(dataset.size(), spec.trainFraction());
    // Only in-sample bars are read: features and labels cannot see the backtest period.
    List<dev.ktrdr.research.data.Bar> inSample = dataset.bars().subList(0, split.inSampleEnd());
    FeatureMatrix fm = FeatureEngine.compute(inSample, dataset.timeframe(), spec, cancel);
    int[] labels = Labels.direction(inSample, spec.labelHorizon());
    Rows rows = rows(dataset, spec, fm.warmup(), split.inSampleEnd());
    return fit(fm, labels, rows, spec.model(), spec.seed(), cancel, listener);
  }

  /** The fewest bars a dataset needs for {@code spec} to train (see the class comment). */
  public static int minimumBars(StrategySpec spec) {
    int h = spec.labelHorizon();
    double labelled =
        Math.max(MIN_HOLDOUT_ROWS / HOLDOUT_SHARE, (MIN_FIT_ROWS + h) / (1 - HOLDOUT_SHARE));
    return (int) Math.ceil((spec.warmup() + h + Math.ceil(labelled) + 1) / spec.trainFraction())
        + 1;
  }

  private record Rows(int[] fit, int[] holdout) {}

  private static Rows rows(Dataset dataset, StrategySpec spec, int warmup, int inSampleEnd) {
    int h = spec.labelHorizon();
    int first = warmup;
    int end = inSampleEnd - h; // rows [first, end) have labels inside the in-sample part
    int labelled = end - first;
    int holdoutCount = (int) Math.round(labelled * HOLDOUT_SHARE);
    int holdoutStart = end - holdoutCount;
    int fitEnd = holdoutStart - h;
    int fitCount = fitEnd - first;
    if (fitCount < MIN_FIT_ROWS || holdoutCount < MIN_HOLDOUT_ROWS) {
      throw new NotEnoughDataException(
          "dataset "
              + dataset.id()
              + " has "
              + dataset.size()
              + " bars, too few for strategy "
              + spec.name()
              + " (warm-up "
              + warmup
              + " bars, label horizon "
              + h
              + "): it needs at least "
              + minimumBars(spec)
              + " bars, or shorter indicator periods");
    }
    int[] fit = new int[fitCount];
    for (int i = 0; i < fitCount; i++) {
      fit[i] = first + i;
    }
    int[] holdout = new int[holdoutCount];
    for (int i = 0; i < holdoutCount; i++) {
      holdout[i] = holdoutStart + i;
    }
    return new Rows(fit, holdout);
  }

  private static TrainingResult fit(
      FeatureMatrix fm,
      int[] labels,
      Rows rows,
      ModelSpec ms,
      long seed,
      CancelSignal cancel,
      TrainingListener listener) {
    Standardizer scaling = Standardizer.fit(fm.values(), rows.fit());
    double[][] x = new double[fm.rows()][];
    for (int r : rows.fit()) {
      x[r] = scaling.apply(fm.row(r));
    }
    for (int r : rows.holdout()) {
      x[r] = scaling.apply(fm.row(r));
    }
    SplittableRandom random = new SplittableRandom(seed);
    Network net = new Network(ms.type(), fm.names().size(), ms.hiddenUnits());
    double[] theta = net.initialParameters(random);
    int p = theta.length;
    double[] grad = new double[p];
    double[] m1 = new double[p];
    double[] m2 = new double[p];
    double[] scratch = new double[Math.max(1, net.hidden())];
    int[] order = rows.fit().clone();
    List<Double> curve = new ArrayList<>(ms.epochs() + 1);
    double initial = meanLoss(net, theta, x, labels, rows.fit(), cancel);
    curve.add(initial);
    long step = 0;
    double loss = initial;
    for (int epoch = 1; epoch <= ms.epochs(); epoch++) {
      shuffle(order, random);
      for (int start = 0; start < order.length; start += ms.batchSize()) {
        cancel.check();
        int end = Math.min(order.length, start + ms.batchSize());
        java.util.Arrays.fill(grad, 0);
        for (int i = start; i < end; i++) {
          net.accumulate(theta, x[order[i]], labels[order[i]], grad, scratch);
        }
        int n = end - start;
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        for (int k = 0; k < p; k++) {
          double g = grad[k] / n + (net.isWeight(k) ? ms.l2() * theta[k] : 0);
          m1[k] = BETA1 * m1[k] + (1 - BETA1) * g;
          m2[k] = BETA2 * m2[k] + (1 - BETA2) * g * g;
          theta[k] -= ms.learningRate() * (m1[k] / c1) / (Math.sqrt(m2[k] / c2) + EPSILON);
        }
      }
      loss = meanLoss(net, theta, x, labels, rows.fit(), cancel);
      curve.add(loss);
      listener.onEpoch(epoch, ms.epochs(), loss);
    }
    cancel.check();
    int correct = 0;
    for (int r : rows.holdout()) {
      int call = net.predict(theta, x[r]) >= 0.5 ? 1 : 0;
      correct += call == labels[r] ? 1 : 0;
    }
    int ups = 0;
    for (int r : rows.fit()) {
      ups += labels[r];
    }
    double upFraction = (double) ups / rows.fit().length;
    int majority = upFraction >= 0.5 ? 1 : 0;
    int baselineCorrect = 0;
    for (int r : rows.holdout()) {
      baselineCorrect += labels[r] == majority ? 1 : 0;
    }
    double holdoutLoss = meanLoss(net, theta, x, labels, rows.holdout(), cancel);
    FittedModel model = new FittedModel(ms.type(), fm.names(), scaling, ms.hiddenUnits(), theta);
    return new TrainingResult(
        (double) correct / rows.holdout().length,
        (double) baselineCorrect / rows.holdout().length,
        initial,
        loss,
        curve,
        holdoutLoss,
        ms.epochs(),
        rows.fit().length,
        rows.holdout().length,
        upFraction,
        model);
  }

  private static double meanLoss(
      Network net, double[] theta, double[][] x, int[] labels, int[] rows, CancelSignal cancel) {
    double sum = 0;
    for (int i = 0; i < rows.length; i++) {
      if (i % 512 == 0) {
        cancel.check();
      }
      double p = net.predict(theta, x[rows[i]]);
      sum += Network.crossEntropy(p, labels[rows[i]]);
    }
    return sum / rows.length;
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
