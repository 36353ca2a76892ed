package dev.ktrdr.workers.local;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.model.ModelTrainer;
import dev.ktrdr.research.model.TrainingListener;
import dev.ktrdr.research.model.TrainingResult;
import dev.ktrdr.research.strategy.StrategySpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The training phase as a job that any worker can run, in this process or another one: fits the
 * spec's model on the in-sample part of the dataset ({@link ModelTrainer}) and returns the result
 * as the JSON-ready map a training operation stores. Progress is reported after the first epoch and
 * after every epoch whose percentage moved (at most about 100 writes), with the epoch's loss.
 * Nothing is returned when cancelled: the library throws {@link
 * dev.ktrdr.research.ResearchCancelledException} from its next mini-batch.
 */
public final class TrainingJob {
  private TrainingJob() {}

  /**
   * Trains {@code spec} on {@code dataset}.
   *
   * @param epochHook called on this thread after every epoch, after the progress report; it may
   *     block (a test holding the job mid-fit) and must then honour {@code cancel}
   * @throws dev.ktrdr.research.NotEnoughDataException if the dataset is too short for the spec
   * @throws dev.ktrdr.research.ResearchCancelledException once {@code cancel} is raised
   */
  public static Map<String, Object> run(
      Dataset dataset,
      StrategySpec spec,
      CancelSignal cancel,
      JobProgress progress,
      TrainingListener epochHook) {
    progress.report(0, "Computing features on " + dataset.id());
    int[] lastPercent = {0};
    TrainingListener listener =
        (epoch, epochs, loss) -> {
          int pct = (int) ((long) epoch * 100 / epochs);
          if (epoch == 1 || pct != lastPercent[0]) { // the first at once: fitting has begun
            lastPercent[0] = pct;
            progress.report(
                pct, String.format(Locale.ROOT, "Epoch %d/%d, loss %.4f", epoch, epochs, loss));
          }
          epochHook.onEpoch(epoch, epochs, loss);
        };
    TrainingResult result = ModelTrainer.train(dataset, spec, cancel, listener);
    cancel.check(); // a cancel after the last epoch still writes nothing
    Map<String, Object> m = new LinkedHashMap<>(result.toMap());
    m.put("dataset_id", dataset.id());
    return m;
  }
}
