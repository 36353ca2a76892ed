package dev.ktrdr.desktop.data;

import dev.ktrdr.research.data.DatasetSummary;

/**
 * One entry of the trigger bar's dataset picker: a dataset, or none (the design chooses from the
 * brief, as a trigger without a dataset does in the API and the CLI).
 *
 * @param id the dataset id a trigger carries, or null for "chosen by the design"
 */
public record DatasetChoice(String id, String label) {
  /** The picker's default: no dataset in the trigger. */
  public static final DatasetChoice BY_DESIGN = new DatasetChoice(null, "chosen by the design");

  public static DatasetChoice of(DatasetSummary d) {
    return new DatasetChoice(
        d.id(),
        d.id() + "  ·  " + d.symbol() + " " + d.timeframe() + ", " + d.barCount() + " bars");
  }

  @Override
  public String toString() {
    return label; // what the picker's search matches and shows
  }
}
