package dev.ktrdr.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.research.data.Bar;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.data.Timeframe;
import dev.ktrdr.wire.DatasetBars;
import dev.ktrdr.wire.Routes;
import dev.ktrdr.wire.WireJson;
import dev.ktrdr.wire.WorkerAssignment;
import dev.ktrdr.wire.WorkerJob;
import dev.ktrdr.wire.WorkerPoll;
import dev.ktrdr.wire.WorkerProgress;
import dev.ktrdr.wire.WorkerProgressReply;
import dev.ktrdr.wire.WorkerRegistered;
import dev.ktrdr.wire.WorkerRegistration;
import dev.ktrdr.wire.WorkerResult;
import dev.ktrdr.workers.WorkerType;
import dev.ktrdr.workers.remote.Assignment;
import dev.ktrdr.workers.remote.Backend;
import dev.ktrdr.workers.remote.BackendRefusedException;
import dev.ktrdr.workers.remote.Outcome;
import dev.ktrdr.workers.remote.Registration;
import dev.ktrdr.workers.remote.RemoteJob;
import dev.ktrdr.workers.remote.UnknownWorkerException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backend's worker routes over HTTP, for {@code ktrdr worker}: the wire records of {@code
 * dev.ktrdr.wire}, a bearer token when one is set ({@code KTRDR_API_TOKEN}). A 404 on a worker's
 * route means the backend no longer knows the worker; a 401/403 or 422 on registering is final;
 * anything else unexpected is an {@link IOException} (the worker retries).
 */
public final class HttpBackend implements Backend {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * How much longer than its wait a poll may take before the worker gives up on it and polls again.
   * The backend answers an empty poll when its wait ends, so a poll far past it hangs on a backend
   * that went away without closing the connection (seen when it stops as the poll arrives). With
   * the default wait (5 s) the worker then polls again — and registers again with a restarted
   * backend — within 10 s, well inside the 15 s lease a restarted backend gives it to come back.
   */
  static final Duration POLL_MARGIN = Duration.ofSeconds(5);

  private static final ObjectMapper JSON = WireJson.builder().build();

  private final String base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile Duration pollWait = Duration.ofSeconds(5);

  public HttpBackend(String baseUrl, String token) {
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
  }

  @Override
  public Registration register(String workerId, WorkerType type, int capacity, List<String> running)
      throws IOException {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = null;
    }
    HttpResponse<String> r =
        send(
            "POST",
            Routes.WORKERS,
            new WorkerRegistration(workerId, type.wire(), capacity, host, running),
            TIMEOUT);
    if (r.statusCode() != 201) {
      if (r.statusCode() == 401 || r.statusCode() == 403 || r.statusCode() == 422) {
        throw new BackendRefusedException(error(r));
      }
      throw unexpected(r);
    }
    WorkerRegistered w = JSON.readValue(r.body(), WorkerRegistered.class);
    pollWait = seconds(w.pollSeconds());
    return new Registration(
        w.workerId(), w.slots(), seconds(w.leaseSeconds()), pollWait, w.reclaimed(), w.stop());
  }

  @Override
  public Assignment poll(String workerId, List<String> running) throws IOException {
    HttpResponse<String> r =
        send(
            "POST",
            path(Routes.WORKER_POLL, workerId),
            new WorkerPoll(List.copyOf(running)),
            pollTimeout());
    known(r, workerId);
    WorkerAssignment a = JSON.readValue(r.body(), WorkerAssignment.class);
    return new Assignment(a.jobs().stream().map(HttpBackend::job).toList(), a.cancels());
  }

  /** How long a poll may take: the backend's wait plus {@link #POLL_MARGIN}. */
  Duration pollTimeout() {
    return pollWait.plus(POLL_MARGIN);
  }

  @Override
  public boolean progress(String workerId, String operationId, double percent, String step)
      throws IOException {
    HttpResponse<String> r =
        send(
            "POST",
            path(Routes.WORKER_PROGRESS, workerId),
            new WorkerProgress(operationId, Math.max(0, Math.min(100, percent)), step),
            TIMEOUT);
    known(r, workerId);
    return JSON.readValue(r.body(), WorkerProgressReply.class).keepRunning();
  }

  @Override
  public Outcome finish(
      String workerId, String operationId, Map<String, Object> result, String error)
      throws IOException {
    HttpResponse<String> r =
        send(
            "POST",
            path(Routes.WORKER_RESULT, workerId),
            new WorkerResult(operationId, result, error),
            TIMEOUT);
    if (r.statusCode() == 409) {
      return new Outcome(false, error(r));
    }
    known(r, workerId);
    return new Outcome(true, JSON.readTree(r.body()).path("message").asText());
  }

  @Override
  public Optional<Dataset> dataset(String id) throws IOException {
    HttpResponse<String> r = send("GET", path(Routes.DATA_BARS, id), null, TIMEOUT);
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    if (r.statusCode() != 200) {
      throw unexpected(r);
    }
    DatasetBars d = JSON.readValue(r.body(), DatasetBars.class);
    return Optional.of(
        new Dataset(
            d.id(),
            d.symbol(),
            Timeframe.parse(d.timeframe()),
            d.source(),
            d.bars().stream()
                .map(
                    b ->
                        new Bar(
                            Instant.parse(b.time()),
                            b.open(),
                            b.high(),
                            b.low(),
                            b.close(),
                            b.volume()))
                .toList()));
  }

  private static RemoteJob job(WorkerJob j) {
    WorkerType type =
        WorkerType.TRAINING.wire().equals(j.workerType())
            ? WorkerType.TRAINING
            : WorkerType.BACKTESTING;
    return new RemoteJob(j.operationId(), j.researchId(), type, j.parameters(), j.trainingResult());
  }

  private void known(HttpResponse<String> r, String workerId) throws IOException {
    if (r.statusCode() == 404) {
      throw new UnknownWorkerException(workerId);
    }
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      throw new BackendRefusedException(error(r));
    }
    if (r.statusCode() != 200) {
      throw unexpected(r);
    }
  }

  private HttpResponse<String> send(String method, String path, Object body, Duration timeout)
      throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + Routes.PREFIX + path)).timeout(timeout);
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String path(String template, String value) {
    return template.replaceFirst("\\{[a-z_]+}", URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String error(HttpResponse<String> r) {
    try {
      JsonNode n = JSON.readTree(r.body());
      return n.hasNonNull("error") ? n.get("error").asText() : "HTTP " + r.statusCode();
    } catch (IOException e) {
      return "HTTP " + r.statusCode();
    }
  }

  private static IOException unexpected(HttpResponse<String> r) {
    return new IOException("backend answered " + r.statusCode() + ": " + error(r));
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }
}
