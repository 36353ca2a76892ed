package dev.ktrdr.research.model;

/** Hears about each finished epoch; called on the training thread, so it must be quick. */
@FunctionalInterface
public interface TrainingListener {
  TrainingListener NONE = (epoch, epochs, loss) -> {};

  /** Epoch {@code epoch} of {@code epochs} (1-based) ended with cross-entropy {@code loss}. */
  void onEpoch(int epoch, int epochs, double loss);
}
