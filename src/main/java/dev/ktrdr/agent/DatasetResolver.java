package dev.ktrdr.agent;

/** Finds the dataset a trigger names, so that an unknown one is refused before anything starts. */
@FunctionalInterface
public interface DatasetResolver {
  /** Refuses every named dataset: for an engine without datasets. */
  DatasetResolver NONE =
      (id, symbol, timeframe) -> {
        if (id != null || symbol != null || timeframe != null) {
          throw new ValidationException("this engine has no datasets");
        }
        return null;
      };

  /**
   * The id of the dataset named by {@code datasetId}, or by {@code symbol} and/or {@code
   * timeframe}; null when all three are null (the design chooses).
   *
   * @throws ValidationException naming what is unknown and what there is
   */
  String resolve(String datasetId, String symbol, String timeframe);
}
