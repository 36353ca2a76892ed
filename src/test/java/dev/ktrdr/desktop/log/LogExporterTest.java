package dev.ktrdr.desktop.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.desktop.shell.LocalBackend;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogExporterTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private static final List<LogEntry> ENTRIES =
      List.of(
          new LogEntry(
              Instant.parse("2026-01-02T03:04:05Z"),
              "op_a",
              "status",
              "pending",
              "running",
              "started"),
          new LogEntry(
              Instant.parse("2026-01-02T03:04:06Z"),
              "op_a",
              "log",
              null,
              null,
              "a \"quoted\", comma\nand newline"));

  @Test
  void jsonLinesHaveTheSixFieldsInOrder() throws Exception {
    Path f = dir.resolve("out.jsonl");
    assertThat(LogExporter.write(ENTRIES, LogExporter.Format.JSON_LINES, f)).isEqualTo(2);
    List<String> lines = Files.readAllLines(f);
    assertThat(lines).hasSize(2);
    JsonNode first = json.readTree(lines.get(0));
    List<String> names = new ArrayList<>();
    first.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("ts", "operation_id", "event", "from", "to", "message");
    assertThat(first.get("from").asText()).isEqualTo("pending");
    JsonNode second = json.readTree(lines.get(1));
    assertThat(second.get("from").isNull()).isTrue();
    assertThat(second.get("message").asText()).isEqualTo("a \"quoted\", comma\nand newline");
  }

  @Test
  void csvHasAHeaderAndQuotesWhatNeedsIt() throws Exception {
    Path f = dir.resolve("out.csv");
    LogExporter.write(ENTRIES, LogExporter.Format.CSV, f);
    String text = Files.readString(f, StandardCharsets.UTF_8);
    assertThat(text).startsWith("ts,operation_id,event,from,to,message\r\n");
    assertThat(text).contains("op_a,status,pending,running,started\r\n");
    assertThat(text).contains(",op_a,log,,,\"a \"\"quoted\"\", comma\nand newline\"\r\n");
  }

  @Test
  void anUnwritableFileIsAClearMessage() throws Exception {
    Path notADir = Files.writeString(dir.resolve("file.txt"), "x");
    Path target = notADir.resolve("out.jsonl");
    assertThatThrownBy(() -> LogExporter.write(ENTRIES, LogExporter.Format.JSON_LINES, target))
        .isInstanceOf(ExportException.class)
        .hasMessageStartingWith("Could not write " + target + ": ");
    Path missing = dir.resolve("no/such/folder/out.csv");
    assertThatThrownBy(() -> LogExporter.write(ENTRIES, LogExporter.Format.CSV, missing))
        .hasMessage("Could not write " + missing + ": the folder does not exist");
  }

  @Test
  void formatFollowsTheFileName() {
    assertThat(LogExporter.Format.forFile(Path.of("a.CSV"))).isEqualTo(LogExporter.Format.CSV);
    assertThat(LogExporter.Format.forFile(Path.of("a.jsonl")))
        .isEqualTo(LogExporter.Format.JSON_LINES);
  }

  @Test
  void collectsAllEventsOrOnlyThoseOfTheGivenResearchesAndTheirChildren() {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings())) {
      String a = e.trigger("A");
      String b = e.trigger("B");
      e.awaitStatus(a, OperationStatus.COMPLETED);
      e.awaitStatus(b, OperationStatus.COMPLETED);
      List<LogEntry> all = LogExporter.collect(new LocalBackend(null, e.ops(), null), null);
      List<LogEntry> onlyA = LogExporter.collect(new LocalBackend(null, e.ops(), null), List.of(a));
      assertThat(all).extracting(LogEntry::operationId).contains(a, b);
      assertThat(onlyA).extracting(LogEntry::operationId).contains(a).doesNotContain(b);
      assertThat(onlyA).anyMatch(l -> l.operationId().startsWith("op_training_"));
      assertThat(onlyA).anyMatch(l -> "completed".equals(l.to()) && a.equals(l.operationId()));
      assertThat(onlyA).isSortedAccordingTo((x, y) -> x.ts().compareTo(y.ts()));
    }
  }
}
