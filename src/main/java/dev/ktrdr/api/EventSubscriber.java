package dev.ktrdr.api;

import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.wire.OperationChanged;
import dev.ktrdr.wire.StreamDropped;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the event stream: a bounded queue filled by the engine and one thread of its own
 * that empties it onto the client's connection. The engine only ever offers (never waits): a client
 * that reads too slowly fills its queue and is dropped, with the reason as its last event, instead
 * of slowing the writer thread or growing without bound. It can reconnect with {@code
 * Last-Event-ID} and catch up from the store.
 *
 * <p>Order and duplicates: the sender first sends what the store holds newer than the client's last
 * version (the catch-up), then the live events it queued meanwhile, skipping any whose version is
 * not above the last one sent. Versions are global, grow with each commit and are published in
 * commit order, so a live event at or below the last version sent is already reflected in what was
 * sent: nothing is missed, ids only grow, and no older snapshot follows a newer one.
 */
final class EventSubscriber {
  private static final Logger log = LoggerFactory.getLogger(EventSubscriber.class);

  /** Where events go: the SSE connection (an interface so a test can be a slow client). */
  interface Sink {
    /** Writes one event; blocks while the client does not read. */
    void send(String event, String data, String id);

    void comment(String text);

    /** True once the client went away or the stream was closed. */
    boolean closed();

    void close();
  }

  /** Reads what the store holds newer than a version, page by page, and hands it to the sender. */
  interface CatchUp {
    /** Sends everything newer than {@code afterVersion}; returns the last version sent. */
    long run(long afterVersion, EventSubscriber to) throws InterruptedException;
  }

  /** Renders one live event as the stream's JSON (null: nothing to send). */
  interface Render {
    String json(OperationEvent e);
  }

  private static final Object WAKE = new Object();

  private final String name;
  private final Sink sink;
  private final BlockingQueue<Object> queue;
  private final int capacity;
  private final Duration keepAlive;
  private final Render render;
  private final Function<String, String> droppedJson;
  private final Runnable onEnd;
  private volatile String dropReason;
  private volatile boolean stopped;
  private long lastSent;

  EventSubscriber(
      String name,
      Sink sink,
      int capacity,
      Duration keepAlive,
      Render render,
      Function<String, String> droppedJson,
      Runnable onEnd) {
    this.name = name;
    this.sink = sink;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity + 1); // +1: room for the wake-up
    this.keepAlive = keepAlive;
    this.render = render;
    this.droppedJson = droppedJson;
    this.onEnd = onEnd;
  }

  String name() {
    return name;
  }

  /**
   * Called on the engine's writer thread: queues the event, or drops the client when its queue is
   * full. Never blocks.
   */
  void offer(OperationEvent e) {
    if (stopped || dropReason != null) {
      return;
    }
    if (queue.size() >= capacity || !queue.offer(e)) {
      drop(
          "the client read too slowly ("
              + capacity
              + " events were waiting); reconnect with"
              + " Last-Event-ID to catch up");
    }
  }

  /** Ends this client's stream, with {@code reason} as its last event. Never blocks. */
  void drop(String reason) {
    if (dropReason != null || stopped) {
      return;
    }
    dropReason = reason;
    queue.clear(); // let the events go now: the client catches up from the store anyway
    queue.offer(WAKE);
  }

  /** The client went away: end quietly. */
  void stop() {
    stopped = true;
    queue.offer(WAKE);
  }

  boolean dropped() {
    return dropReason != null;
  }

  /** Sends one operation snapshot from the catch-up (called on this client's own thread). */
  void sendSnapshot(long version, String json) {
    if (version > lastSent) {
      sink.send(OperationChanged.EVENT, json, Long.toString(version));
      lastSent = version;
    }
  }

  /** True while a catch-up should keep going. */
  boolean open() {
    return !stopped && dropReason == null && !sink.closed();
  }

  /**
   * Runs the stream: the catch-up from {@code since} (none when negative), then live events, with a
   * keep-alive comment after every quiet {@code keepAlive}.
   */
  void run(long since, CatchUp catchUp) {
    try {
      lastSent = Math.max(since, 0);
      if (since >= 0) {
        catchUp.run(since, this);
      }
      while (!stopped && !sink.closed()) {
        String reason = dropReason;
        if (reason != null) {
          log.warn("Event stream {} dropped: {}", name, reason);
          sink.send(StreamDropped.EVENT, droppedJson.apply(reason), null);
          break;
        }
        Object next = queue.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
          sink.comment("keep-alive");
        } else if (next != WAKE) {
          OperationEvent e = (OperationEvent) next;
          if (e.version() > lastSent) {
            String json = render.json(e);
            if (json != null) {
              sink.send(OperationChanged.EVENT, json, Long.toString(e.version()));
              lastSent = e.version();
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A client gone mid-write or a store failure ends this stream only; the client reconnects.
      log.info("Event stream {} ended: {}", name, e.toString());
    } finally {
      stopped = true;
      queue.clear();
      onEnd.run();
      sink.close();
      log.debug("Event stream {} closed after version {}", name, lastSent);
    }
  }

  long lastSent() {
    return lastSent;
  }
}
