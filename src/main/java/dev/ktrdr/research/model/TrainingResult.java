package dev.ktrdr.research.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    m.put("loss_curve", lossCurve);
    m.put("model", model.toMap());
    return m;
  }
}
