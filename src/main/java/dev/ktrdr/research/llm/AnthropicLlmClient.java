package dev.ktrdr.research.llm;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.ResearchCancelledException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LlmClient} over the official Anthropic Java SDK (Messages API).
 *
 * <p>Cancelling: the SDK's blocking call cannot be interrupted, and cancelling its asynchronous
 * future does not reach the HTTP call. So the call runs on a thread of this client, and the caller
 * waits in slices of {@value #POLL_MILLIS} ms, checking its {@link CancelSignal}: a cancel returns
 * at once, and the abandoned request ends by itself at its reply or its timeout ({@link
 * LlmSettings#timeout()}), its reply unread.
 */
public final class AnthropicLlmClient implements LlmClient, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AnthropicLlmClient.class);
  private static final long POLL_MILLIS = 20;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final LlmSettings settings;
  private final AnthropicClient client;
  private final ExecutorService calls =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "llm-call-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  public AnthropicLlmClient(LlmSettings settings) {
    this.settings = settings;
    this.client =
        AnthropicOkHttpClient.builder()
            .apiKey(settings.apiKey())
            .baseUrl(settings.baseUrl())
            .timeout(settings.timeout())
            .maxRetries(settings.maxRetries())
            .build();
  }

  @Override
  public LlmReply complete(LlmRequest request, CancelSignal cancel) {
    cancel.check();
    MessageCreateParams params =
        MessageCreateParams.builder()
            .model(request.model())
            .maxTokens(request.maxTokens())
            .system(request.system())
            .addUserMessage(request.user())
            .build();
    Future<Message> call = calls.submit(() -> client.messages().create(params));
    Message message = await(call, cancel);
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : message.content()) {
      block.text().ifPresent(t -> text.append(t.text()));
    }
    LlmReply reply =
        new LlmReply(
            text.toString(),
            message.stopReason().map(r -> r.asString()).orElse(null),
            message.usage().inputTokens(),
            message.usage().outputTokens(),
            message.model().asString());
    log.debug(
        "model {} replied: {} input / {} output tokens, stop_reason {}",
        reply.model(),
        reply.inputTokens(),
        reply.outputTokens(),
        reply.stopReason());
    return reply;
  }

  private Message await(Future<Message> call, CancelSignal cancel) {
    while (true) {
      try {
        cancel.check();
      } catch (ResearchCancelledException e) {
        call.cancel(true);
        throw e;
      }
      try {
        return call.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // still waiting: look at the cancel signal again
      } catch (InterruptedException e) {
        call.cancel(true);
        Thread.currentThread().interrupt();
        throw new ResearchCancelledException("interrupted");
      } catch (ExecutionException e) {
        throw translate(e.getCause());
      }
    }
  }

  /** An SDK failure in words a user can act on. */
  LlmException translate(Throwable e) {
    if (e instanceof AnthropicServiceException s) {
      String detail = s.apiMessage().orElse("no details");
      String what =
          switch (s.statusCode()) {
            case 401 -> "the model service rejected the API key (check ANTHROPIC_API_KEY)";
            case 403 -> "the API key may not use this model or service";
            case 404 -> "the model service does not know this model or address";
            case 429 -> "the model service is rate-limiting this key; try again later";
            case 529 -> "the model service is overloaded; try again later";
            default ->
                s.statusCode() >= 500
                    ? "the model service failed"
                    : "the model service refused the request";
          };
      return new LlmException(what + " (HTTP " + s.statusCode() + ": " + detail + ")", e);
    }
    if (e instanceof AnthropicIoException) {
      return new LlmException(
          "could not reach the model service at "
              + settings.baseUrl()
              + ": "
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
          e);
    }
    if (e instanceof AnthropicException) {
      return new LlmException("the model service's reply could not be read: " + e.getMessage(), e);
    }
    return new LlmException("the model call failed: " + e, e);
  }

  @Override
  public void close() {
    calls.shutdownNow();
    client.close();
  }
}
