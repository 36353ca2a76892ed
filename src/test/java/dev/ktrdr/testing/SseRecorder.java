package dev.ktrdr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/** An OkHttp SSE client that keeps every event it receives, for tests of {@code /events}. */
public final class SseRecorder extends EventSourceListener implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final OkHttpClient HTTP =
      new OkHttpClient.Builder().readTimeout(java.time.Duration.ofMinutes(5)).build();

  /** One event: its id (null if none), name and parsed data. */
  public record Event(String id, String type, JsonNode data) {
    public long version() {
      return Long.parseLong(id);
    }

    public String operationId() {
      return data.path("operation").path("operation_id").asText();
    }

    public String status() {
      return data.path("operation").path("status").asText();
    }
  }

  public final List<Event> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch opened = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile EventSource source;
  private volatile Throwable failure;
  private volatile int openStatus;

  /** Connects to {@code url} (with headers, name/value pairs) and waits for the answer's head. */
  public static SseRecorder connect(String url, String... headers) {
    Request.Builder b = new Request.Builder().url(url);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    SseRecorder r = new SseRecorder();
    r.source = EventSources.createFactory(HTTP).newEventSource(b.build(), r);
    try {
      if (!r.opened.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("The stream did not open: " + url);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return r;
  }

  @Override
  public void onOpen(EventSource es, Response response) {
    openStatus = response.code();
    opened.countDown();
  }

  @Override
  public void onEvent(EventSource es, String id, String type, String data) {
    try {
      events.add(new Event(id, type, MAPPER.readTree(data)));
    } catch (java.io.IOException e) {
      failure = e;
    }
  }

  @Override
  public void onClosed(EventSource es) {
    ended.countDown();
  }

  @Override
  public void onFailure(EventSource es, Throwable t, Response response) {
    failure = t;
    if (response != null) {
      openStatus = response.code();
    }
    opened.countDown();
    ended.countDown();
  }

  public int openStatus() {
    return openStatus;
  }

  /** True once the server ended the stream (or it failed). */
  public boolean hasEnded() {
    return ended.getCount() == 0;
  }

  public Throwable failure() {
    return failure;
  }

  /** The newest event about {@code operationId}, or null. */
  public Event latest(String operationId) {
    Event found = null;
    for (Event e : events) {
      if (e.type().equals("operation") && e.operationId().equals(operationId)) {
        found = e;
      }
    }
    return found;
  }

  @Override
  public void close() {
    source.cancel();
  }
}
