package dev.ktrdr.desktop.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.desktop.shell.LocalBackend;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export has every kind of event the window shows, and the progress the README promises. */
class ExportCompletenessTest {
  @TempDir Path dir;

  @Test
  void anExportHoldsCreatedStatusProgressParametersAndLogEvents() {
    try (TestEngine engine =
        TestEngine.start(dir.resolve("k.db"), TestEngine.fastSettings(Duration.ofMillis(100)))) {
      String id = engine.trigger("Exported in full");
      engine.awaitStatus(id, OperationStatus.COMPLETED);
      engine.ops().log(id, "a note");
      List<LogEntry> all =
          LogExporter.collect(new LocalBackend(null, engine.ops(), null), List.of(id));
      assertThat(all)
          .filteredOn(e -> e.operationId().equals(id))
          .extracting(LogEntry::event)
          .contains("created", "status", "progress", "parameters", "log");
      assertThat(all)
          .filteredOn(e -> e.event().equals("progress") && e.operationId().equals(id))
          .extracting(LogEntry::message)
          .contains("20% · Training model...", "100% · Complete");
      assertThat(all)
          .filteredOn(e -> e.event().equals("parameters") && e.operationId().equals(id))
          .anySatisfy(e -> assertThat(e.message()).contains("strategy_name"));
      // the children's steps too
      assertThat(all)
          .filteredOn(
              e -> e.event().equals("progress") && e.operationId().startsWith("op_training"))
          .isNotEmpty();
    }
  }
}
