package dev.ktrdr.research.features;

import dev.ktrdr.research.data.Bar;
import dev.ktrdr.research.data.Timeframe;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNum;

/** Our bars as a ta4j series (double arithmetic: fast, and exact enough for prices). */
public final class BarSeriesAdapter {
  private BarSeriesAdapter() {}

  /** A ta4j series of {@code bars}; ta4j keys bars by their end time, so that is open + length. */
  public static BarSeries toSeries(String name, List<Bar> bars, Timeframe timeframe) {
    BarSeries series =
        new BaseBarSeriesBuilder().withName(name).withNumTypeOf(DoubleNum.class).build();
    Duration length = timeframe.duration();
    for (Bar b : bars) {
      series.addBar(
          length,
          b.time().plus(length).atZone(ZoneOffset.UTC),
          series.numOf(b.open()),
          series.numOf(b.high()),
          series.numOf(b.low()),
          series.numOf(b.close()),
          series.numOf(b.volume()));
    }
    return series;
  }
}
