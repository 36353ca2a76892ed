package dev.ktrdr.agent;

/**
 * What a trigger asks for; null brief or model take their defaults.
 *
 * @param datasetId the dataset to research, or null
 * @param symbol with {@code timeframe} (either may be alone), picks a dataset when no id is given
 * @param seed makes the research repeatable; null draws one (it is recorded either way)
 */
public record TriggerRequest(
    String brief,
    String model,
    boolean bypassGates,
    boolean force,
    String datasetId,
    String symbol,
    String timeframe,
    Long seed) {
  /** The brief used when none is given. */
  public static final String DEFAULT_BRIEF = "Design a new trading strategy";

  public static final int MAX_BRIEF_LENGTH = 10_000;

  /** A trigger that leaves the dataset to the design and draws a seed. */
  public TriggerRequest(String brief, String model, boolean bypassGates, boolean force) {
    this(brief, model, bypassGates, force, null, null, null, null);
  }

  public static TriggerRequest of(String brief) {
    return new TriggerRequest(brief, null, false, false);
  }

  /** This trigger on a dataset given by id, or by symbol and/or timeframe. */
  public TriggerRequest onDataset(String id, String sym, String tf) {
    return new TriggerRequest(brief, model, bypassGates, force, id, sym, tf, seed);
  }

  /** This trigger with a seed. */
  public TriggerRequest withSeed(Long s) {
    return new TriggerRequest(brief, model, bypassGates, force, datasetId, symbol, timeframe, s);
  }
}
