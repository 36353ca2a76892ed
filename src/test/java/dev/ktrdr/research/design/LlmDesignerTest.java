package dev.ktrdr.research.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.Fixtures;
import dev.ktrdr.research.ResearchCancelledException;
import dev.ktrdr.research.ResearchJson;
import dev.ktrdr.research.data.BundledDatasets;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.llm.AnthropicLlmClient;
import dev.ktrdr.research.llm.FakeAnthropic;
import dev.ktrdr.research.strategy.StrategySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model-based designer against a local fake of the Messages API; never the real service. */
class LlmDesignerTest {
  private MockWebServer server;
  private AnthropicLlmClient client;
  private final List<DatasetSummary> datasets =
      BundledDatasets.all().stream().map(Dataset::summary).toList();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = new AnthropicLlmClient(FakeAnthropic.settings(server.url("/").toString()));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.shutdown();
  }

  private DesignRequest request() {
    return new DesignRequest("RSI on bitcoin", 1234, null, null, null, datasets, "claude-test-1");
  }

  private static String reply(StrategySpec spec) {
    return "Here you go:\n```json\n"
        + ResearchJson.write(Map.of("explanation", "RSI suits the brief.", "spec", spec.toMap()))
        + "\n```";
  }

  @Test
  void aGoodReplyBecomesAValidatedSpecWithTheRealTokenCounts() throws Exception {
    StrategySpec spec = Fixtures.everyIndicator("btcusd-5m", 99, 50);
    server.enqueue(FakeAnthropic.message(reply(spec), "end_turn", 2100, 900));
    DesignResult r = new LlmDesigner(client).design(request(), CancelSignal.NONE);
    assertThat(r.spec().indicators()).isEqualTo(spec.indicators());
    assertThat(r.spec().seed()).as("the request's seed, not the model's").isEqualTo(1234);
    assertThat(r.explanation()).isEqualTo("RSI suits the brief.");
    assertThat(r.inputTokens()).isEqualTo(2100);
    assertThat(r.outputTokens()).isEqualTo(900);
    assertThat(r.designer()).isEqualTo("llm");
    assertThat(r.model()).isEqualTo("claude-test-1");
    RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(sent.getPath()).isEqualTo("/v1/messages");
    assertThat(sent.getHeader("x-api-key") + " " + sent.getHeader("Authorization"))
        .contains("test-key");
    String body = sent.getBody().readUtf8();
    assertThat(body)
        .contains("claude-test-1")
        .contains("RSI on bitcoin")
        .contains("btcusd-5m")
        .contains("json-schema.org/draft/2020-12");
  }

  @Test
  void badJsonFailsTheDesignAndStillCountsTheTokens() {
    server.enqueue(FakeAnthropic.message("{\"spec\": {\"version\": 1,,}}", "end_turn", 500, 40));
    assertThatThrownBy(() -> new LlmDesigner(client).design(request(), CancelSignal.NONE))
        .isInstanceOfSatisfying(
            DesignException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith("design failed: the model's reply is not valid JSON");
              assertThat(e.inputTokens()).isEqualTo(500);
              assertThat(e.outputTokens()).isEqualTo(40);
            });
  }

  @Test
  void aSpecThatFailsValidationFailsTheDesignNamingTheProblem() {
    String json =
        reply(Fixtures.everyIndicator("btcusd-5m", 1, 50))
            .replace("\"horizon\":3", "\"horizon\":0");
    server.enqueue(FakeAnthropic.message(json, "end_turn", 500, 400));
    assertThatThrownBy(() -> new LlmDesigner(client).design(request(), CancelSignal.NONE))
        .isInstanceOf(DesignException.class)
        .hasMessageContaining("invalid strategy spec")
        .hasMessageContaining("$.label.horizon");
  }

  @Test
  void anUnknownDatasetIsRefused() {
    server.enqueue(
        FakeAnthropic.message(reply(Fixtures.everyIndicator("msft-1d", 1, 50)), "end_turn", 5, 5));
    assertThatThrownBy(() -> new LlmDesigner(client).design(request(), CancelSignal.NONE))
        .hasMessageContaining("chose dataset 'msft-1d', which does not exist");
  }

  @Test
  void aTruncatedReplyFailsWithAClearMessage() {
    server.enqueue(FakeAnthropic.message("{\"explanation\": \"RSI", "max_tokens", 800, 4096));
    assertThatThrownBy(() -> new LlmDesigner(client).design(request(), CancelSignal.NONE))
        .isInstanceOfSatisfying(
            DesignException.class,
            e -> {
              assertThat(e.getMessage())
                  .contains("cut off at the token limit (stop_reason max_tokens)");
              assertThat(e.outputTokens()).isEqualTo(4096);
            });
  }

  @Test
  void anHttpErrorFailsWithTheServiceMessage() {
    server.enqueue(FakeAnthropic.error(401, "authentication_error", "invalid x-api-key"));
    assertThatThrownBy(() -> new LlmDesigner(client).design(request(), CancelSignal.NONE))
        .isInstanceOf(DesignException.class)
        .hasMessage(
            "design failed: the model service rejected the API key (check ANTHROPIC_API_KEY)"
                + " (HTTP 401: invalid x-api-key)");
    server.enqueue(FakeAnthropic.error(529, "overloaded_error", "Overloaded"));
    assertThatThrownBy(() -> new LlmDesigner(client).design(request(), CancelSignal.NONE))
        .hasMessageContaining("overloaded")
        .hasMessageContaining("HTTP 529");
  }

  @Test
  void anUnreachableServiceIsSaidSo() throws Exception {
    String url = server.url("/").toString();
    server.shutdown();
    try (AnthropicLlmClient down = new AnthropicLlmClient(FakeAnthropic.settings(url))) {
      assertThatThrownBy(() -> new LlmDesigner(down).design(request(), CancelSignal.NONE))
          .hasMessageContaining("could not reach the model service at " + url);
    }
  }

  @Test
  void aCancelWhileWaitingForTheReplyReturnsAtOnce() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    AtomicBoolean cancel = new AtomicBoolean();
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                new LlmDesigner(client).design(request(), CancelSignal.of(cancel));
              } catch (Throwable e) {
                outcome.set(e);
              }
            });
    t.start();
    assertThat(server.takeRequest(30, TimeUnit.SECONDS))
        .as("the request reached the server")
        .isNotNull();
    cancel.set(true);
    t.join(Duration.ofSeconds(10).toMillis());
    assertThat(t.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOf(ResearchCancelledException.class);
  }

  @Test
  void anInterruptAlsoCancels() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                new LlmDesigner(client).design(request(), CancelSignal.NONE);
              } catch (Throwable e) {
                outcome.set(e);
              }
            });
    t.start();
    assertThat(server.takeRequest(30, TimeUnit.SECONDS)).isNotNull();
    t.interrupt();
    t.join(Duration.ofSeconds(10).toMillis());
    assertThat(t.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOf(ResearchCancelledException.class);
  }
}
