package dev.ktrdr.bench;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.ResearchCancelledException;
import dev.ktrdr.research.backtest.BacktestConfig;
import dev.ktrdr.research.data.BundledDatasets;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.design.DesignRequest;
import dev.ktrdr.research.design.RuleBasedDesigner;
import dev.ktrdr.research.model.FittedModel;
import dev.ktrdr.research.model.ModelTrainer;
import dev.ktrdr.research.model.TrainingListener;
import dev.ktrdr.research.strategy.StrategySpec;
import dev.ktrdr.research.strategy.StrategySpecs;
import dev.ktrdr.workers.local.BacktestJob;
import dev.ktrdr.workers.local.JobProgress;
import dev.ktrdr.workers.local.TrainingJob;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How long real work takes to stop once cancelled (SPEC §13: the CPU work within 100 ms; the
 * research code checks at least every 50 ms of work): a local training job (an MLP on the largest
 * bundled dataset, with epochs enough never to finish) and a local backtest, each cancelled at a
 * random moment while it computes, by its flag and by an interrupt as a worker's cancel does both.
 * It measures from the cancel to the end of the job's thread. Not a test (the tests check that the
 * work stops and writes nothing); run it with
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ktrdr.bench.LocalStopBench [-Dexec.args="ROUNDS"]</pre>
 */
public final class LocalStopBench {
  private LocalStopBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    Dataset data = BundledDatasets.find(BundledDatasets.BTCUSD_5M).orElseThrow();
    StrategySpec spec =
        new RuleBasedDesigner()
            .design(
                DesignRequest.of("momentum with a neural network", 3, List.of(data.summary())),
                CancelSignal.NONE)
            .spec();
    StrategySpec endless = withEpochs(spec, 2000);
    FittedModel model =
        ModelTrainer.train(data, spec, CancelSignal.NONE, TrainingListener.NONE).model();

    List<Long> training = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      training.add(
          stopMicros(
              flag ->
                  TrainingJob.run(
                      data,
                      endless,
                      CancelSignal.of(flag),
                      JobProgress.NONE,
                      TrainingListener.NONE),
              ThreadLocalRandom.current().nextInt(20, 200)));
    }
    report("training (" + spec.model().type().wireName() + ", " + data.id() + ")", training);

    long full = System.nanoTime();
    BacktestJob.run(
        data, spec, model, BacktestConfig.DEFAULT_COMMISSION, CancelSignal.NONE, JobProgress.NONE);
    long backtestMillis = Math.max(2, (System.nanoTime() - full) / 1_000_000);
    List<Long> backtest = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      long micros =
          stopMicros(
              flag ->
                  BacktestJob.run(
                      data,
                      spec,
                      model,
                      BacktestConfig.DEFAULT_COMMISSION,
                      CancelSignal.of(flag),
                      JobProgress.NONE),
              ThreadLocalRandom.current().nextLong(1, backtestMillis));
      if (micros >= 0) {
        backtest.add(micros);
      }
    }
    report("backtest (" + data.id() + ", a whole run takes " + backtestMillis + " ms)", backtest);
    System.exit(0);
  }

  private interface Job {
    void run(AtomicBoolean flag);
  }

  /**
   * Starts {@code job} on its own thread, cancels it after {@code afterMillis} (flag and interrupt)
   * and returns the microseconds until its thread ended, or -1 if it had already finished.
   */
  private static long stopMicros(Job job, long afterMillis) throws InterruptedException {
    AtomicBoolean flag = new AtomicBoolean();
    AtomicBoolean stoppedByCancel = new AtomicBoolean();
    Thread t =
        new Thread(
            () -> {
              try {
                job.run(flag);
              } catch (ResearchCancelledException expected) {
                stoppedByCancel.set(true);
              }
            },
            "bench-job");
    t.start();
    Thread.sleep(afterMillis);
    long cancelledAt = System.nanoTime();
    flag.set(true);
    t.interrupt();
    t.join();
    long micros = (System.nanoTime() - cancelledAt) / 1000;
    return stoppedByCancel.get() ? micros : -1;
  }

  private static void report(String what, List<Long> micros) {
    if (micros.isEmpty()) {
      System.out.printf("%s: every run finished before its cancel%n", what);
      return;
    }
    Collections.sort(micros);
    System.out.printf(
        "%s, %d cancels mid-work: cancel to thread end p50 %.2f ms, p95 %.2f ms, max %.2f ms%n",
        what,
        micros.size(),
        micros.get(micros.size() / 2) / 1000.0,
        micros.get((int) Math.min(micros.size() - 1, Math.round(micros.size() * 0.95))) / 1000.0,
        micros.get(micros.size() - 1) / 1000.0);
  }

  @SuppressWarnings("unchecked")
  private static StrategySpec withEpochs(StrategySpec spec, int epochs) {
    Map<String, Object> m = new LinkedHashMap<>(spec.toMap());
    Map<String, Object> model = new LinkedHashMap<>((Map<String, Object>) m.get("model"));
    model.put("epochs", epochs);
    m.put("model", model);
    return StrategySpecs.fromMap(m);
  }
}
