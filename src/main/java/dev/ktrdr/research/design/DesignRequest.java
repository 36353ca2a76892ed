package dev.ktrdr.research.design;

import dev.ktrdr.research.data.DatasetSummary;
import java.util.List;

/**
 * What a design starts from.
 *
 * @param brief the user's words
 * @param seed makes the design (and the research after it) repeatable; recorded in the spec
 * @param datasetId a dataset the user chose, or null
 * @param symbol a symbol the user chose (e.g. {@code BTC/USD}), or null
 * @param timeframe a timeframe the user chose (e.g. {@code 1h}), or null
 * @param datasets the datasets there are to choose from
 * @param model the full model id for a designer that asks a model; ignored by the rule-based one
 */
public record DesignRequest(
    String brief,
    long seed,
    String datasetId,
    String symbol,
    String timeframe,
    List<DatasetSummary> datasets,
    String model) {
  /** The largest seed a spec can hold (JSON numbers are exact up to 2^53 − 1). */
  public static final long MAX_SEED = (1L << 53) - 1;

  public DesignRequest {
    brief = brief == null ? "" : brief;
    datasets = List.copyOf(datasets);
    if (seed < 0 || seed > MAX_SEED) {
      throw new IllegalArgumentException("seed must be from 0 to " + MAX_SEED + ", got " + seed);
    }
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException("no datasets to design for");
    }
  }

  /** A request with only a brief, a seed and the datasets to choose from. */
  public static DesignRequest of(String brief, long seed, List<DatasetSummary> datasets) {
    return new DesignRequest(brief, seed, null, null, null, datasets, null);
  }
}
