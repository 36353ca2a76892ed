package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
  @TempDir Path dir;

  @Test
  void aResearchRunsToCompletion() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings())) {
      String id = e.trigger("Explore RSI variations");
      e.awaitStatus(id, OperationStatus.COMPLETED);
      assertThat(e.get(id).resultSummary()).containsEntry("verdict", "promising");
      assertThat(e.ops().children(id)).hasSize(4);
    }
  }
}
