package dev.ktrdr.research.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What training produced, in the key names of SPEC §3/§13 ({@code accuracy}, {@code initial_loss},
 * {@code final_loss}, …).
 *
 * @param accuracy share of correct direction calls on the held-out tail of the in-sample bars
 * @param baselineAccuracy the same for always calling the fitting rows' majority direction
 * @param initialLoss cross-entropy on the fitting rows before the first update
 * @param finalLoss cross-entropy on the fitting rows after the last epoch
 * @param lossCurve {@code initialLoss}, then the loss after each epoch
 * @param holdoutLoss cross-entropy on the held-out rows
 * @param upFraction share of up labels among the fitting rows
 */
public record TrainingResult(
    double accuracy,
    double baselineAccuracy,
    double initialLoss,
    double finalLoss,
    List<Double> lossCurve,
    double holdoutLoss,
    int epochs,
    int trainRows,
    int holdoutRows,
    double upFraction,
    FittedModel model) {
  /** The key of the loss curve in {@link #toMap()}. */
  public static final String LOSS_CURVE = "loss_curve";

  /** The key of the fitted model in {@link #toMap()}. */
  public static final String MODEL = "model";

  /**
   * The keys of {@link #toMap()} that hold series or parameters rather than numbers: what a summary
   * of the result leaves out.
   */
  public static final Set<String> SERIES = Set.of(LOSS_CURVE, MODEL);

  public TrainingResult {
    lossCurve = List.copyOf(lossCurve);
  }

  /** Relative decrease of the loss, (initial − final) / initial: what the loss gate reads. */
  public double lossDecrease() {
    return initialLoss == 0 ? 0 : (initialLoss - finalLoss) / initialLoss;
  }

  /** JSON-ready; {@code model} holds {@link FittedModel#toMap()}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accuracy", accuracy);
    m.put("baseline_accuracy", baselineAccuracy);
    m.put("initial_loss", initialLoss);
    m.put("final_loss", finalLoss);
    m.put("loss_decrease", lossDecrease());
    m.put("holdout_loss", holdoutLoss);
    m.put("epochs", epochs);
    m.put("train_rows", trainRows);
    m.put("holdout_rows", holdoutRows);
    m.put("label_up_fraction", upFraction);
    m.put(LOSS_CURVE, lossCurve);
    m.put(MODEL, model.toMap());
    return m;
  }
}
