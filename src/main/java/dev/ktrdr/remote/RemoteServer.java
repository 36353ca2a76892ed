package dev.ktrdr.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.wire.ApiError;
import dev.ktrdr.wire.Auth;
import dev.ktrdr.wire.BudgetReport;
import dev.ktrdr.wire.CancelRefusal;
import dev.ktrdr.wire.CancelSuccess;
import dev.ktrdr.wire.ClientHeader;
import dev.ktrdr.wire.DatasetInfo;
import dev.ktrdr.wire.DatasetList;
import dev.ktrdr.wire.OperationData;
import dev.ktrdr.wire.OperationEnvelope;
import dev.ktrdr.wire.OperationList;
import dev.ktrdr.wire.OperationLog;
import dev.ktrdr.wire.QueryParams;
import dev.ktrdr.wire.Routes;
import dev.ktrdr.wire.Status;
import dev.ktrdr.wire.TriggerRefusal;
import dev.ktrdr.wire.TriggerRequest;
import dev.ktrdr.wire.Triggered;
import dev.ktrdr.wire.WireJson;
import dev.ktrdr.wire.Worker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The calls a connected console makes: trigger, cancel, status, and the reads behind its table,
 * detail and worker lanes. Each names the console ({@code X-Ktrdr-Client: desktop}) and carries the
 * token, so the server records who cancelled from the token. Blocking: call it off the FX thread.
 * Thread-safe.
 */
public final class RemoteServer {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** Tolerant of fields a newer server adds. */
  static final ObjectMapper MAPPER =
      WireJson.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final HttpUrl base;
  private final String token;
  private final OkHttpClient http;

  /**
   * @param baseUrl the server, {@code http://host:port}
   * @param token sent as a bearer token; null sends none (a loopback server without tokens)
   * @throws IllegalArgumentException when {@code baseUrl} is not an http(s) URL
   */
  public RemoteServer(String baseUrl, String token) {
    HttpUrl parsed = HttpUrl.parse(baseUrl);
    if (parsed == null) {
      throw new IllegalArgumentException(
          "Invalid server URL '" + baseUrl + "': expected http://HOST:PORT");
    }
    this.base = parsed;
    this.token = token;
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(30))
            .build();
  }

  public String url() {
    return base.toString();
  }

  /** Starts a research; a refusal (capacity, budget, bad input) is an outcome, not an error. */
  public Outcome trigger(TriggerRequest request) {
    Reply<Triggered, TriggerRefusal> r = triggerReply(request);
    if (r.done() != null) {
      return new Outcome(true, r.done().operationId(), r.done().message());
    }
    return new Outcome(false, null, r.refused() != null ? r.refused().message() : r.invalid());
  }

  /** Starts a research, and says exactly what the server answered. */
  public Reply<Triggered, TriggerRefusal> triggerReply(TriggerRequest request) {
    Answer a = call("POST", body(request), url(Routes.TRIGGER));
    if (a.status() == 202) {
      return Reply.done(a.as(Triggered.class));
    }
    if (a.status() == 409) {
      return Reply.refused(a.as(TriggerRefusal.class));
    }
    return a.invalid();
  }

  /**
   * Cancels one research. Refused (it ended, someone else cancelled it first, no such research): an
   * outcome with the server's reason.
   */
  public Outcome cancel(String researchId, String reason) {
    Reply<CancelSuccess, CancelRefusal> r = cancelReply(researchId, reason);
    if (r.done() != null) {
      return new Outcome(true, r.done().operationId(), r.done().message());
    }
    return new Outcome(false, null, r.refused() != null ? r.refused().message() : r.invalid());
  }

  /** Cancels one research, and says exactly what the server answered. */
  public Reply<CancelSuccess, CancelRefusal> cancelReply(String researchId, String reason) {
    HttpUrl.Builder u = url(Routes.CANCEL, researchId).newBuilder();
    if (reason != null && !reason.isBlank()) {
      u.addQueryParameter(QueryParams.REASON, reason);
    }
    Answer a = call("DELETE", null, u.build());
    if (a.status() == 200) {
      return Reply.done(a.as(CancelSuccess.class));
    }
    if (a.status() == 404 || a.status() == 409) {
      return Reply.refused(a.as(CancelRefusal.class));
    }
    return a.invalid();
  }

  /** One page of operations, newest first; {@code type} null for every type. */
  public OperationList operations(String type, int limit, int offset) {
    HttpUrl.Builder u = url(Routes.OPERATIONS).newBuilder();
    if (type != null) {
      u.addQueryParameter(QueryParams.OPERATION_TYPE, type);
    }
    u.addQueryParameter(QueryParams.LIMIT, Integer.toString(limit));
    u.addQueryParameter(QueryParams.OFFSET, Integer.toString(offset));
    return ok(call("GET", null, u.build()), OperationList.class);
  }

  /** One operation; empty when the server has none by that id. */
  public Optional<OperationData> operation(String id) {
    Answer a = call("GET", null, url(Routes.OPERATION, id));
    if (a.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(ok(a, OperationEnvelope.class).data());
  }

  /** The children of one operation, oldest first (none when there is no such operation). */
  public List<OperationData> children(String id) {
    Answer a = call("GET", null, url(Routes.CHILDREN, id));
    if (a.status() == 404) {
      return List.of();
    }
    return ok(a, OperationList.class).data();
  }

  /** The newest {@code limit} lines of one operation's log, oldest first. */
  public List<OperationLog.Line> log(String id, int limit) {
    HttpUrl u =
        url(Routes.LOG, id)
            .newBuilder()
            .addQueryParameter(QueryParams.LIMIT, Integer.toString(limit))
            .build();
    Answer a = call("GET", null, u);
    if (a.status() == 404) {
      return List.of();
    }
    return ok(a, OperationLog.class).data();
  }

  /** Every worker the server knows, local and remote. */
  public List<Worker> workers() {
    return List.of(ok(call("GET", null, url(Routes.WORKERS)), Worker[].class));
  }

  public BudgetReport budget() {
    return ok(call("GET", null, url(Routes.BUDGET)), BudgetReport.class);
  }

  /** The datasets a research may run on. */
  public List<DatasetInfo> datasets() {
    return ok(call("GET", null, url(Routes.DATA)), DatasetList.class).data();
  }

  /** The coordinator's status: workers, budget, capacity. */
  public Status status() {
    return ok(call("GET", null, url(Routes.STATUS)), Status.class);
  }

  private static <T> T ok(Answer a, Class<T> type) {
    if (a.status() != 200) {
      throw new RemoteException(a.error());
    }
    return a.as(type);
  }

  HttpUrl url(String route, String... values) {
    HttpUrl.Builder b = base.newBuilder();
    Routes.segments(Routes.PREFIX).forEach(b::addPathSegment);
    Routes.segments(route, values).forEach(b::addPathSegment);
    return b.build();
  }

  /** The headers every request of a connected console carries. */
  Request.Builder request(HttpUrl url) {
    Request.Builder b =
        new Request.Builder().url(url).header(ClientHeader.NAME, ClientHeader.DESKTOP);
    if (token != null) {
      b.header(Auth.HEADER, Auth.bearer(token));
    }
    return b;
  }

  String token() {
    return token;
  }

  private static RequestBody body(Object o) {
    try {
      return RequestBody.create(MAPPER.writeValueAsBytes(o), JSON);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot encode the request: " + e.getOriginalMessage(), e);
    }
  }

  private Answer call(String method, RequestBody body, HttpUrl url) {
    Request r = request(url).header("Accept", "application/json").method(method, body).build();
    try (Response response = http.newCall(r).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      Answer a = new Answer(response.code(), text);
      if (a.status() == 401) {
        throw new RemoteException(
            a.error() + (token == null ? " (no token was sent)" : " (the token was not accepted)"));
      }
      return a;
    } catch (IOException e) {
      throw new RemoteException("Cannot reach " + base + ": " + e.getMessage());
    }
  }

  /** A reply: status and body text. */
  private record Answer(int status, String text) {
    <T> T as(Class<T> type) {
      try {
        return MAPPER.readValue(text, type);
      } catch (JsonProcessingException e) {
        throw new RemoteException("Unexpected reply (HTTP " + status + "): " + abbreviate(text));
      }
    }

    /** A reply that is neither done nor refused: bad input (or a server fault), in words. */
    <D, R> Reply<D, R> invalid() {
      if (status >= 500) {
        throw new RemoteException(error());
      }
      return Reply.invalid(error());
    }

    String error() {
      try {
        JsonNode n = MAPPER.readTree(text);
        ApiError e = MAPPER.treeToValue(n, ApiError.class);
        if (e.error() != null) {
          return e.error();
        }
      } catch (JsonProcessingException | IllegalArgumentException notAnError) {
        // the raw text below
      }
      return "HTTP " + status + (text.isBlank() ? "" : ": " + abbreviate(text));
    }

    private static String abbreviate(String s) {
      return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
  }
}
