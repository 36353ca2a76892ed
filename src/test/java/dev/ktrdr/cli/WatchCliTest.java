package dev.ktrdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ktrdr agent watch}: the event stream, printed. */
class WatchCliTest {
  @TempDir Path dir;

  @Test
  void watchPrintsEveryOperationThenLiveChanges() throws Exception {
    PhaseGates gates = new PhaseGates().hold("watched", Phase.DESIGNING);
    try (ApiHarness api =
        ApiHarness.start(dir.resolve("w.db"), TestEngine.instantSettings(), gates)) {
      String id = api.trigger("watched");
      gates.awaitHeld("watched", Phase.DESIGNING);
      String child = api.engine().childOf(id, Phase.DESIGNING);

      CliTest.Run json =
          CliTest.run("agent", "watch", "--json", "--max-events", "2", "--url", api.url());
      assertThat(json.code()).as(json.err()).isZero();
      List<String> ids = new ArrayList<>();
      long last = 0;
      for (String line : json.out().strip().split("\n")) {
        JsonNode n = new ObjectMapper().readTree(line);
        assertThat(n.get("version").asLong()).isGreaterThan(last);
        last = n.get("version").asLong();
        ids.add(n.path("operation").path("operation_id").asText());
      }
      assertThat(ids).containsExactlyInAnyOrder(id, child);

      CliTest.Run text = CliTest.run("agent", "watch", "--max-events", "2", "--url", api.url());
      assertThat(text.code()).as(text.err()).isZero();
      assertThat(text.out()).contains(id).contains("running").contains("designing");
      assertThat(text.err()).contains("Watching " + api.url());

      CliTest.Run bad = CliTest.run("agent", "watch", "--since", "-1", "--url", api.url());
      assertThat(bad.code()).isEqualTo(1);
      assertThat(bad.err()).contains("--since must be 0 or more");
    }
  }
}
