package dev.ktrdr.research.features;

/**
 * Where a dataset of {@code bars} bars divides: bars {@code [0, inSampleEnd)} train the model, bars
 * {@code [inSampleEnd, bars)} are the out-of-sample backtest.
 */
public record DataSplit(int bars, int inSampleEnd) {
  /** The split after the first {@code trainFraction} of the bars. */
  public static DataSplit of(int bars, double trainFraction) {
    return new DataSplit(bars, (int) Math.floor(bars * trainFraction));
  }

  /** The number of out-of-sample bars. */
  public int outOfSampleBars() {
    return bars - inSampleEnd;
  }
}
