package dev.ktrdr.desktop.log;

import dev.ktrdr.operations.EventRecord;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationStatus;
import java.time.Instant;

/**
 * One line of the console's log and of an exported log: {@code ts, operation_id, event, from, to,
 * message}. {@code from}/{@code to} are status words for status changes, else null.
 */
public record LogEntry(
    Instant ts, String operationId, String event, String from, String to, String message) {

  /** The event kind the console itself writes (cancel replies, trigger refusals). */
  public static final String DESKTOP = "desktop";

  public static LogEntry of(OperationEvent e) {
    return new LogEntry(
        e.ts(), e.operationId(), e.kind().wire(), wire(e.from()), wire(e.to()), e.message());
  }

  public static LogEntry of(EventRecord r) {
    return new LogEntry(
        r.ts(), r.operationId(), r.kind().wire(), wire(r.from()), wire(r.to()), r.message());
  }

  private static String wire(OperationStatus s) {
    return s == null ? null : s.wire();
  }
}
