package dev.ktrdr.desktop.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.desktop.shell.ConsoleBackend;
import dev.ktrdr.operations.EventRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.Timestamps;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes operation events as JSON Lines ({@code {"ts","operation_id","event","from","to",
 * "message"}} per line) or CSV with the same columns and a header. Plain Java, no UI: the console
 * calls it off the FX thread, and tests call it directly.
 */
public final class LogExporter {
  /** Upper bound of events read back for one export; far above any real history. */
  static final int MAX_EVENTS = 1_000_000;

  static final List<String> COLUMNS =
      List.of("ts", "operation_id", "event", "from", "to", "message");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The file formats offered to the user. */
  public enum Format {
    JSON_LINES("JSON Lines (*.jsonl)", "jsonl"),
    CSV("CSV (*.csv)", "csv");

    private final String label;
    private final String extension;

    Format(String label, String extension) {
      this.label = label;
      this.extension = extension;
    }

    public String label() {
      return label;
    }

    public String extension() {
      return extension;
    }

    /** The format a file name asks for, JSON Lines unless it ends in {@code .csv}. */
    public static Format forFile(Path file) {
      return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
          ? CSV
          : JSON_LINES;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private LogExporter() {}

  /**
   * Reads the persisted events to export: every event in the database when {@code researchIds} is
   * null, else the events of those researches and of all their children, oldest first. Blocks on
   * the database: call it off the FX thread.
   */
  public static List<LogEntry> collect(ConsoleBackend ops, Collection<String> researchIds) {
    List<EventRecord> records = new ArrayList<>();
    if (researchIds == null) {
      records.addAll(ops.history(null, MAX_EVENTS));
    } else {
      for (String id : researchIds) {
        records.addAll(ops.history(id, MAX_EVENTS));
        for (Operation child : ops.children(id)) {
          records.addAll(ops.history(child.operationId(), MAX_EVENTS));
        }
      }
      records.sort(Comparator.comparing(EventRecord::ts)); // stable: keeps same-instant order
    }
    List<LogEntry> out = new ArrayList<>(records.size());
    for (EventRecord r : records) {
      out.add(LogEntry.of(r));
    }
    return out;
  }

  /**
   * Writes {@code entries} to {@code file}, replacing it. Returns the number of events written.
   *
   * @throws ExportException with a message for the user when the file cannot be written
   */
  public static int write(List<LogEntry> entries, Format format, Path file) throws ExportException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (format == Format.CSV) {
        w.write(String.join(",", COLUMNS));
        w.write("\r\n");
      }
      for (LogEntry e : entries) {
        w.write(format == Format.CSV ? csvLine(e) : jsonLine(e));
        w.write(format == Format.CSV ? "\r\n" : "\n");
      }
    } catch (IOException | UncheckedIOException e) {
      throw new ExportException("Could not write " + file + ": " + describe(e), e);
    }
    return entries.size();
  }

  static String jsonLine(LogEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ts", Timestamps.format(e.ts()));
    m.put("operation_id", e.operationId());
    m.put("event", e.event());
    m.put("from", e.from());
    m.put("to", e.to());
    m.put("message", e.message());
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("A map of strings always serialises", ex);
    }
  }

  /** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
  static String csvLine(LogEntry e) {
    String[] fields = {
      Timestamps.format(e.ts()), e.operationId(), e.event(), e.from(), e.to(), e.message()
    };
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = fields[i] == null ? "" : fields[i];
      if (f.indexOf(',') >= 0
          || f.indexOf('"') >= 0
          || f.indexOf('\n') >= 0
          || f.indexOf('\r') >= 0) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    return sb.toString();
  }

  private static String describe(Exception e) {
    Throwable t = e instanceof UncheckedIOException ? e.getCause() : e;
    if (t instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (t instanceof NoSuchFileException) {
      return "the folder does not exist";
    }
    if (t instanceof FileSystemException) {
      String reason = ((FileSystemException) t).getReason();
      return reason == null ? t.getClass().getSimpleName() : reason;
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
