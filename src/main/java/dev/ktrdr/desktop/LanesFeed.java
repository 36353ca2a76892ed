package dev.ktrdr.desktop;

import dev.ktrdr.desktop.lanes.LanesModel;
import dev.ktrdr.desktop.shell.Engine;
import dev.ktrdr.desktop.shell.TaskExecutor;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.workers.WorkerType;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the worker lanes: the event batches, the worker registry (read off the FX thread when a
 * child started, so the bar lands on the lane of the worker that runs it), and once a second how
 * many researches wait for a worker of each type.
 */
final class LanesFeed {
  private static final Logger LOG = LoggerFactory.getLogger(LanesFeed.class);

  private final Engine engine;
  private final TaskExecutor executor;
  private final LanesModel lanes;
  private boolean inFlight;

  LanesFeed(Engine engine, TaskExecutor executor, LanesModel lanes) {
    this.engine = engine;
    this.executor = executor;
    this.lanes = lanes;
  }

  void apply(List<OperationEvent> batch) {
    if (lanes.apply(batch)) {
      readWorkers();
    }
  }

  void tick(Instant now, List<OperationRow> rows) {
    int training = 0;
    int backtest = 0;
    for (OperationRow r : rows) {
      WorkerType w = r.waitingFor();
      if (w == WorkerType.TRAINING) {
        training++;
      } else if (w == WorkerType.BACKTESTING) {
        backtest++;
      }
    }
    lanes.sample(now, training, backtest);
    if (lanes.wantsWorkers()) {
      readWorkers();
    }
  }

  /** Reads the registry (in memory, but off the FX thread all the same), one read at a time. */
  void readWorkers() {
    if (inFlight || !engine.ready()) {
      return;
    }
    inFlight = true;
    executor.execute(
        () -> engine.backend().workers(),
        w -> {
          inFlight = false;
          lanes.setWorkers(w);
        },
        e -> {
          inFlight = false;
          LOG.warn("Could not read the workers: {}", e.getMessage());
          LOG.debug("Reading the workers failed", e);
        });
  }
}
