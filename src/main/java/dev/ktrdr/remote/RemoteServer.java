package dev.ktrdr.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.wire.ApiError;
import dev.ktrdr.wire.Auth;
import dev.ktrdr.wire.CancelRefusal;
import dev.ktrdr.wire.CancelSuccess;
import dev.ktrdr.wire.ClientHeader;
import dev.ktrdr.wire.Routes;
import dev.ktrdr.wire.Status;
import dev.ktrdr.wire.TriggerRefusal;
import dev.ktrdr.wire.TriggerRequest;
import dev.ktrdr.wire.Triggered;
import dev.ktrdr.wire.WireJson;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The calls a connected console makes: trigger, cancel, status. Each names the console ({@code
 * X-Ktrdr-Client: desktop}) and carries the token, so the server records who cancelled from the
 * token. Blocking: call it off the FX thread. Thread-safe.
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
    Answer a = call("POST", body(request), url(Routes.TRIGGER));
    if (a.status() == 202) {
      Triggered t = a.as(Triggered.class);
      return new Outcome(true, t.operationId(), t.message());
    }
    if (a.status() == 409) {
      TriggerRefusal r = a.as(TriggerRefusal.class);
      return new Outcome(false, null, r.message());
    }
    return new Outcome(false, null, a.error());
  }

  /**
   * Cancels one research. Refused (it ended, someone else cancelled it first, no such research): an
   * outcome with the server's reason.
   */
  public Outcome cancel(String researchId, String reason) {
    HttpUrl.Builder u = url(Routes.CANCEL, researchId).newBuilder();
    if (reason != null && !reason.isBlank()) {
      u.addQueryParameter(dev.ktrdr.wire.QueryParams.REASON, reason);
    }
    Answer a = call("DELETE", null, u.build());
    if (a.status() == 200) {
      CancelSuccess s = a.as(CancelSuccess.class);
      return new Outcome(true, s.operationId(), s.message());
    }
    if (a.status() == 404 || a.status() == 409) {
      return new Outcome(false, null, a.as(CancelRefusal.class).message());
    }
    return new Outcome(false, null, a.error());
  }

  /** The coordinator's status: workers, budget, capacity. */
  public Status status() {
    Answer a = call("GET", null, url(Routes.STATUS));
    if (a.status() != 200) {
      throw new RemoteException(a.error());
    }
    return a.as(Status.class);
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
