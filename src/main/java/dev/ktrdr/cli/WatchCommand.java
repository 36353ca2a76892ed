package dev.ktrdr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ktrdr.remote.OperationFeed;
import dev.ktrdr.remote.RemoteServer;
import dev.ktrdr.wire.OperationChanged;
import dev.ktrdr.wire.OperationData;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ktrdr agent watch}: prints operation changes as they happen, from the server's event
 * stream; reconnects (and resumes) by itself when the server goes away. Runs until Ctrl+C.
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description =
        "Print operation changes as they happen (the server's event stream); Ctrl+C stops.")
final class WatchCommand extends ClientCommand {
  @Option(
      names = "--since",
      paramLabel = "VERSION",
      description = "First print every operation changed after this version (default: 0, all)")
  long since;

  @Option(
      names = "--max-events",
      paramLabel = "N",
      description = "Stop after N changes (default: never)")
  Long maxEvents;

  /** What the feed hands the printing thread: a change, or a state. */
  private record Item(OperationChanged change, OperationFeed.State state, String detail) {}

  @Override
  int run(ApiClient api) {
    if (since < 0) {
      throw new CliFailure("--since must be 0 or more");
    }
    BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    RemoteServer server = new RemoteServer(api.baseUrl(), token());
    OperationFeed.Listener l =
        new OperationFeed.Listener() {
          @Override
          public void onOperation(OperationChanged c) {
            items.add(new Item(c, null, null));
          }

          @Override
          public void onState(OperationFeed.State s, String detail) {
            items.add(new Item(null, s, detail));
          }
        };
    long printed = 0;
    try (OperationFeed feed = new OperationFeed(server, l).resumeAfter(since).start()) {
      while (maxEvents == null || printed < maxEvents) {
        Item i = items.take();
        if (i.change() != null) {
          out().println(json ? toJson(i.change()) : line(i.change()));
          out().flush();
          printed++;
        } else if (i.state() == OperationFeed.State.REFUSED) {
          throw new CliFailure("The server refused the stream: " + i.detail());
        } else if (i.state() == OperationFeed.State.RECONNECTING) {
          err().println("Reconnecting… (" + i.detail() + ")");
          err().flush();
        } else if (i.state() == OperationFeed.State.LIVE) {
          err().println("Watching " + api.baseUrl() + " (Ctrl+C stops)");
          err().flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static String toJson(OperationChanged c) {
    try {
      return ApiClient.MAPPER.writeValueAsString(c);
    } catch (JsonProcessingException e) {
      throw new CliFailure("Cannot print an event: " + e.getOriginalMessage());
    }
  }

  /** {@code 18:42:07 op_agent_research_… running designing 40% (status)}. */
  private static String line(OperationChanged c) {
    OperationData o = c.operation();
    Object phase =
        o.metadata() == null || o.metadata().parameters() == null
            ? null
            : o.metadata().parameters().get("phase");
    String time = java.time.LocalTime.now().withNano(0).toString();
    return String.format(
        "%s  %-44s %-10s %-12s %3.0f%%  (%s)",
        time,
        o.operationId(),
        o.status(),
        phase == null ? o.operationType() : phase,
        o.progress() == null ? 0.0 : o.progress().percentage(),
        c.version() + " " + c.change().name().toLowerCase(java.util.Locale.ROOT));
  }
}
