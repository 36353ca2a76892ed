package dev.ktrdr.desktop;

import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Turns a burst of operation events from any thread into batches on the UI thread. The producer
 * (the engine thread that wrote the change) only enqueues and, if no drain is pending, schedules
 * one: it never blocks and never waits for the UI. At most one drain is outstanding, and drains are
 * at least one frame ({@link #FRAME}) apart, so a storm of 500 events a second costs at most about
 * 60 {@code Platform.runLater} calls a second, never one per event.
 */
public final class EventCoalescer implements OperationListener {
  /** The minimum time between two drains: one 60 Hz frame. */
  public static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(16);

  static final java.time.Duration FRAME = java.time.Duration.ofNanos(FRAME_NANOS);
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ktrdr-console-coalescer");
            t.setDaemon(true);
            return t;
          });

  private final ConcurrentLinkedQueue<OperationEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Consumer<Runnable> uiDispatch;
  private final Consumer<List<OperationEvent>> sink;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong dispatches = new AtomicLong();
  private volatile long lastDrainNanos = System.nanoTime() - FRAME_NANOS;

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
      long wait = FRAME_NANOS - (System.nanoTime() - lastDrainNanos);
      if (wait <= 0) {
        uiDispatch.accept(this::drain);
      } else { // drained less than a frame ago: the next batch waits for the next frame
        TIMER.schedule(() -> uiDispatch.accept(this::drain), wait, TimeUnit.NANOSECONDS);
      }
    }
  }

  private void drain() {
    // Cleared before polling: an event added while we drain schedules the next batch itself.
    lastDrainNanos = System.nanoTime();
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
