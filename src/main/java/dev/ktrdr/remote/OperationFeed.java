package dev.ktrdr.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ktrdr.wire.OperationChanged;
import dev.ktrdr.wire.QueryParams;
import dev.ktrdr.wire.Routes;
import dev.ktrdr.wire.StreamDropped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live operations of a remote server, from its event stream ({@code GET /api/v1/events}).
 * Connects with {@code ?since=0} (every operation, then the live changes), remembers the last event
 * id, and when the connection drops — the server restarts, the network fails, the server gives up
 * on a slow reader — says {@link State#RECONNECTING} and reconnects with {@code Last-Event-ID}, so
 * nothing is missed. A snapshot older than one already delivered for the same operation is never
 * delivered. A refused token ends the feed ({@link State#REFUSED}): retrying cannot fix it.
 *
 * <p>The listener is called on one thread at a time (OkHttp's reader for the stream, or the
 * reconnect timer); a window hands the calls to its UI thread.
 */
public final class OperationFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OperationFeed.class);

  /** Three keep-alives (15 s each) without a byte: the connection is dead. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(45);

  static final Duration FIRST_RETRY = Duration.ofMillis(250);
  static final Duration MAX_RETRY = Duration.ofSeconds(5);

  /** Where the feed stands; a window shows it (e.g. "reconnecting…"). */
  public enum State {
    CONNECTING,
    LIVE,
    RECONNECTING,
    REFUSED,
    CLOSED
  }

  /** What the feed reports. */
  public interface Listener {
    void onOperation(OperationChanged change);

    /** {@code detail} says why (the server's reason, the connection error), or null. */
    void onState(State state, String detail);
  }

  private final RemoteServer server;
  private final Listener listener;
  private final OkHttpClient http;
  private final ScheduledExecutorService timer;
  private final Map<String, Long> versions = new ConcurrentHashMap<>();
  private volatile long lastEventId;
  private volatile EventSource source;
  private volatile boolean closed;
  private volatile State state;
  private Duration retry = FIRST_RETRY;

  public OperationFeed(RemoteServer server, Listener listener) {
    this.server = server;
    this.listener = listener;
    this.http =
        new OkHttpClient.Builder()
            .readTimeout(READ_TIMEOUT)
            .retryOnConnectionFailure(false)
            .build();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ktrdr-feed-reconnect");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts after {@code version} instead of 0 (call before {@link #start()}). */
  public OperationFeed resumeAfter(long version) {
    lastEventId = Math.max(0, version);
    return this;
  }

  /** Connects; returns at once. */
  public OperationFeed start() {
    state(State.CONNECTING, null);
    connect();
    return this;
  }

  /** The id (version) of the last event received; the feed resumes after it. */
  public long lastEventId() {
    return lastEventId;
  }

  public State state() {
    return state;
  }

  private synchronized void connect() {
    if (closed) {
      return;
    }
    HttpUrl url =
        server
            .url(Routes.EVENTS)
            .newBuilder()
            .addQueryParameter(QueryParams.SINCE, Long.toString(lastEventId))
            .build();
    okhttp3.Request request =
        server
            .request(url)
            .header("Accept", "text/event-stream")
            .header("Last-Event-ID", Long.toString(lastEventId))
            .build();
    source = EventSources.createFactory(http).newEventSource(request, new Reader());
  }

  private void state(State s, String detail) {
    state = s;
    log.info(
        "Event feed from {}: {}{}", server.url(), s, detail == null ? "" : " (" + detail + ")");
    listener.onState(s, detail);
  }

  /** Schedules the next connection attempt, each wait longer up to {@link #MAX_RETRY}. */
  private synchronized void reconnectLater(String why) {
    if (closed || state == State.REFUSED) {
      return;
    }
    if (state != State.RECONNECTING) {
      state(State.RECONNECTING, why);
    }
    Duration wait = retry;
    retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
    timer.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    closed = true;
    EventSource s = source;
    if (s != null) {
      s.cancel();
    }
    timer.shutdownNow();
    state(State.CLOSED, null);
  }

  /** Reads one connection's events. */
  private final class Reader extends EventSourceListener {
    private String dropped;

    @Override
    public void onOpen(EventSource es, Response response) {
      synchronized (OperationFeed.this) {
        retry = FIRST_RETRY;
      }
      state(State.LIVE, null);
    }

    @Override
    public void onEvent(EventSource es, String id, String type, String data) {
      try {
        if (OperationChanged.EVENT.equals(type)) {
          OperationChanged c = RemoteServer.MAPPER.readValue(data, OperationChanged.class);
          lastEventId = Math.max(lastEventId, c.version());
          String opId = c.operation().operationId();
          Long had = versions.get(opId);
          if (had == null || c.version() > had) {
            versions.put(opId, c.version());
            listener.onOperation(c);
          }
        } else if (StreamDropped.EVENT.equals(type)) {
          dropped = RemoteServer.MAPPER.readValue(data, StreamDropped.class).reason();
        }
      } catch (JsonProcessingException e) {
        log.warn("Unreadable event '{}' from {}: {}", type, server.url(), e.getOriginalMessage());
      }
    }

    @Override
    public void onClosed(EventSource es) {
      reconnectLater(dropped != null ? dropped : "the server ended the stream");
    }

    @Override
    public void onFailure(EventSource es, Throwable t, Response response) {
      if (closed) {
        return;
      }
      if (response != null && response.code() == 401) {
        state(State.REFUSED, "the server did not accept the token (HTTP 401)");
        return;
      }
      String why =
          response != null
              ? "HTTP " + response.code()
              : t == null
                  ? "the connection ended"
                  : t.getClass().getSimpleName() + ": " + t.getMessage();
      reconnectLater(dropped != null ? dropped : why);
    }
  }
}
