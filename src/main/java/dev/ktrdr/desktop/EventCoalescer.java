package dev.ktrdr.desktop;

import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Turns a burst of operation events from any thread into batches on the UI thread. The producer
 * (the engine thread that wrote the change) only enqueues and, if no drain is pending, schedules
 * one: it never blocks and never waits for the UI. At most one drain is outstanding at any time,
 * so 500 events arriving within one frame cost one {@code Platform.runLater}, not 500.
 */
public final class EventCoalescer implements OperationListener {
  private final ConcurrentLinkedQueue<OperationEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Consumer<Runnable> uiDispatch;
  private final Consumer<List<OperationEvent>> sink;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong dispatches = new AtomicLong();

  /**
   * @param uiDispatch runs a task on the UI thread later ({@code Platform::runLater})
   * @param sink receives each batch, in arrival order, on the UI thread
   */
  public EventCoalescer(Consumer<Runnable> uiDispatch, Consumer<List<OperationEvent>> sink) {
    this.uiDispatch = uiDispatch;
    this.sink = sink;
  }

  @Override
  public void onEvent(OperationEvent event) {
    queue.add(event);
    received.incrementAndGet();
    if (scheduled.compareAndSet(false, true)) {
      dispatches.incrementAndGet();
      uiDispatch.accept(this::drain);
    }
  }

  private void drain() {
    // Cleared before polling: an event added while we drain schedules the next batch itself.
    scheduled.set(false);
    List<OperationEvent> batch = new ArrayList<>();
    for (OperationEvent e; (e = queue.poll()) != null; ) {
      batch.add(e);
    }
    if (!batch.isEmpty()) {
      sink.accept(batch);
    }
  }

  /** Events received so far (for the benchmark and tests). */
  public long received() {
    return received.get();
  }

  /** UI-thread dispatches scheduled so far; far below {@link #received()} under load. */
  public long dispatches() {
    return dispatches.get();
  }
}
