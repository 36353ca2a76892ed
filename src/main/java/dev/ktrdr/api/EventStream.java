package dev.ktrdr.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationListener;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.wire.OperationChanged;
import dev.ktrdr.wire.QueryParams;
import dev.ktrdr.wire.StreamDropped;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: committed operation changes as server-sent events ({@code event: operation},
 * the snapshot's version as the {@code id}), so that a console on another machine sees what the
 * engine does without polling. A client that sends {@code Last-Event-ID} (or {@code ?since=N})
 * first gets every operation changed after that version, read from the store, then the live
 * changes: a reconnect misses nothing. Quiet streams carry a comment every keep-alive interval, so
 * proxies and the client can tell a live connection from a dead one.
 *
 * <p>Each client has a bounded queue and a thread of its own ({@link EventSubscriber}); the engine
 * only offers to the queues, on its writer thread, and never waits for a client.
 */
final class EventStream implements OperationListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventStream.class);

  /** Events a client may have waiting before it is dropped. */
  static final int DEFAULT_BUFFER = 2_000;

  static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

  /** Operations read from the store per round of a catch-up. */
  static final int PAGE = 500;

  static final String MEDIA_TYPE = "text/event-stream";

  /** How long a stop waits for the streams to send their last event. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final OperationsService ops;
  private final ObjectMapper mapper;
  private final int buffer;
  private final Duration keepAlive;
  private final Set<EventSubscriber> clients = ConcurrentHashMap.newKeySet();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile boolean closed;

  EventStream(OperationsService ops, ObjectMapper mapper, int buffer, Duration keepAlive) {
    this.ops = ops;
    this.mapper = mapper;
    this.buffer = buffer;
    this.keepAlive = keepAlive;
    ops.addListener(this);
  }

  /** The route: checks the request, then hands the connection to a new subscriber. */
  void handle(Context ctx) throws Exception {
    String accept = ctx.header("Accept");
    if (accept == null || !accept.toLowerCase(Locale.ROOT).contains(MEDIA_TYPE)) {
      throw new ApiException(
          406, "This route is a server-sent event stream: send 'Accept: " + MEDIA_TYPE + "'");
    }
    Requests.onlyKnownQueryParams(ctx, Set.of(QueryParams.SINCE));
    long since = resumePoint(ctx);
    if (closed) {
      throw new ApiException(503, "The server is stopping");
    }
    new SseHandler(client -> open(client, since)).handle(ctx);
  }

  /** {@code Last-Event-ID}, else {@code ?since=}, else -1 (live changes only). */
  private static long resumePoint(Context ctx) {
    String lastId = ctx.header("Last-Event-ID");
    if (lastId != null && !lastId.isBlank()) {
      return version(lastId, "Last-Event-ID");
    }
    String since = ctx.queryParam(QueryParams.SINCE);
    return since == null ? -1 : version(since, QueryParams.SINCE);
  }

  private static long version(String text, String what) {
    try {
      long v = Long.parseLong(text.strip());
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw ApiException.badRequest(
        what
            + " must be an event id (a version, 0 or more), not '"
            + Requests.abbreviate(text)
            + "'");
  }

  private void open(SseClient client, long since) {
    client.keepAlive();
    String name = "events-" + counter.incrementAndGet();
    EventSubscriber[] self = new EventSubscriber[1];
    ClientSink sink = new ClientSink(client);
    EventSubscriber s =
        new EventSubscriber(
            name,
            sink,
            buffer,
            keepAlive,
            this::render,
            reason -> json(new StreamDropped(reason)),
            () -> ended(self[0]));
    self[0] = s;
    clients.add(s); // before the catch-up reads the store: no change can fall in between
    client.onClose(s::stop);
    sink.whenRequestEnds(s::stop);
    if (closed) {
      s.drop("the server is stopping");
    }
    log.debug("Event stream {} opened ({})", name, since < 0 ? "live" : "after version " + since);
    Thread t = new Thread(() -> s.run(since, this::catchUp), "ktrdr-" + name);
    t.setDaemon(true);
    t.start();
  }

  /** Pages through the store from {@code after} while the client is still there. */
  private long catchUp(long after, EventSubscriber to) {
    long cursor = after;
    while (to.open()) {
      List<Operation> page = ops.changedSince(cursor, PAGE);
      for (Operation op : page) {
        if (!to.open()) {
          return cursor;
        }
        to.sendSnapshot(op.version(), json(snapshot(op, OperationChanged.Change.SNAPSHOT)));
        cursor = op.version();
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    return cursor;
  }

  @Override
  public void onEvent(OperationEvent e) {
    if (e.operation() == null || clients.isEmpty()) {
      return;
    }
    for (EventSubscriber s : clients) {
      s.offer(e);
    }
  }

  private String render(OperationEvent e) {
    Operation op = e.operation();
    return json(
        new OperationChanged(
            op.version(),
            change(e.kind()),
            e.from() == null ? null : e.from().wire(),
            e.message(),
            WireMapping.operation(op, ops.clock().instant())));
  }

  private OperationChanged snapshot(Operation op, OperationChanged.Change change) {
    return new OperationChanged(
        op.version(), change, WireMapping.operation(op, ops.clock().instant()));
  }

  private static OperationChanged.Change change(OperationEvent.Kind kind) {
    return OperationChanged.Change.valueOf(kind.name());
  }

  private String json(Object o) {
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A wire record did not serialise: " + e.getMessage(), e);
    }
  }

  int clientCount() {
    return clients.size();
  }

  private void ended(EventSubscriber s) {
    synchronized (clients) {
      clients.remove(s);
      clients.notifyAll();
    }
  }

  /**
   * Ends every stream with a "server is stopping" event and stops listening; waits up to {@link
   * #CLOSE_WAIT} for the streams to say so (a client that does not read is cut off by the stop).
   */
  @Override
  public void close() {
    closed = true;
    ops.removeListener(this);
    for (EventSubscriber s : clients) {
      s.drop("the server is stopping; reconnect with Last-Event-ID");
    }
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    synchronized (clients) {
      while (!clients.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          clients.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
  }

  /**
   * The SSE connection as a {@link EventSubscriber.Sink}. Once the servlet container has ended the
   * request itself (the client went away, the server is stopping), the connection is not touched
   * again: completing Javalin's request future for a request the container has already recycled
   * makes Javalin log a storm of NullPointerExceptions.
   */
  private static final class ClientSink implements EventSubscriber.Sink {
    private final SseClient client;
    private final AtomicBoolean requestEnded = new AtomicBoolean();

    ClientSink(SseClient client) {
      this.client = client;
    }

    /** Calls {@code then} when the container completes or fails the request. */
    void whenRequestEnds(Runnable then) {
      try {
        client
            .ctx()
            .req()
            .getAsyncContext()
            .addListener(
                new AsyncListener() {
                  @Override
                  public void onComplete(AsyncEvent event) {
                    ended();
                  }

                  @Override
                  public void onTimeout(AsyncEvent event) {
                    ended();
                  }

                  @Override
                  public void onError(AsyncEvent event) {
                    ended();
                  }

                  @Override
                  public void onStartAsync(AsyncEvent event) {
                    // not re-dispatched
                  }

                  private void ended() {
                    requestEnded.set(true);
                    then.run();
                  }
                });
      } catch (IllegalStateException notAsync) {
        // Not an async request (cannot happen with SseHandler): nothing to listen to.
      }
    }

    @Override
    public void send(String event, String data, String id) {
      if (!requestEnded.get()) {
        client.sendEvent(event, data, id);
      }
    }

    @Override
    public void comment(String text) {
      if (!requestEnded.get()) {
        client.sendComment(text);
      }
    }

    @Override
    public boolean closed() {
      return requestEnded.get() || client.terminated();
    }

    @Override
    public void close() {
      if (!requestEnded.get() && stillAsync()) {
        client.close();
      }
    }

    /** False once the container is done with the request, however it ended. */
    private boolean stillAsync() {
      try {
        return client.ctx().req().isAsyncStarted();
      } catch (RuntimeException recycled) {
        return false;
      }
    }
  }
}
