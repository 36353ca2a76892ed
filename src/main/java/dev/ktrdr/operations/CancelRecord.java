package dev.ktrdr.operations;

import java.time.Instant;

/**
 * Who cancelled a research, why and when: written once, by the one cancel path, whoever asked (a
 * user through the desktop, the CLI or the API, or the engine itself when a child was cancelled
 * under its research).
 */
public record CancelRecord(String reason, String by, Instant at) {
  /** The reason recorded when a cancel names none (or a blank one). */
  public static final String DEFAULT_REASON = "Cancelled by user";

  public CancelRecord {
    reason = reason == null || reason.isBlank() ? DEFAULT_REASON : reason.strip();
    if (by == null || by.isBlank()) {
      throw new IllegalArgumentException("A cancel must say who asked");
    }
    if (at == null) {
      throw new IllegalArgumentException("A cancel must say when");
    }
  }
}
