package dev.ktrdr.desktop;

import dev.ktrdr.desktop.lanes.LanesModel;
import dev.ktrdr.desktop.table.TableLoader;
import dev.ktrdr.desktop.table.TableModel;
import dev.ktrdr.operations.Operation;
import java.time.Clock;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Where the pages of a refresh go: the table (as they come), the lanes, the status line. */
class RefreshSink implements TableLoader.Sink {
  private final TableModel table;
  private final LanesModel lanes;
  private final Clock clock;
  private final Consumer<String> message;
  private final BiConsumer<String, Throwable> fail;

  RefreshSink(
      TableModel table,
      LanesModel lanes,
      Clock clock,
      Consumer<String> message,
      BiConsumer<String, Throwable> fail) {
    this.table = table;
    this.lanes = lanes;
    this.clock = clock;
    this.message = message;
    this.fail = fail;
  }

  @Override
  public void page(TableLoader.Page p) {
    table.merge(p.researches(), clock.instant(), false);
    int loaded = p.offset() + p.researches().size();
    if (loaded < p.total()) {
      message.accept(
          "Loading researches… "
              + DisplayFormats.count(loaded)
              + " of "
              + DisplayFormats.count(p.total()));
    }
  }

  @Override
  public void children(List<Operation> current) {
    table.mergeChildren(current, clock.instant());
    lanes.load(current);
  }

  @Override
  public void done(int total) {
    int n = table.totalCountProperty().get();
    // Worded to stay true as the table grows: the count is of that moment.
    message.accept(
        n == 0
            ? "Ready"
            : "Loaded "
                + DisplayFormats.count(n)
                + " research"
                + (n == 1 ? "" : "es")
                + " at "
                + DisplayFormats.time(clock.instant())
                + "; changes arrive live");
  }

  @Override
  public void failed(Throwable e) {
    fail.accept("Could not load operations", e);
  }
}
