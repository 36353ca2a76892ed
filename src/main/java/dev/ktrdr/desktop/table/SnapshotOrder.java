package dev.ktrdr.desktop.table;

import dev.ktrdr.operations.OperationEvent;
import java.time.Instant;

/**
 * Which of two snapshots of one operation is newer. Events from different engine threads and reads
 * racing events can arrive out of order; the console drops a snapshot older than the one it holds.
 * Today the only order the engine gives is time (the event's time, or the moment a read began);
 * when events carry a per-operation version, {@link #of(OperationEvent)} fills it in and versions
 * decide — nothing else changes.
 */
public final class SnapshotOrder {
  /** Where a snapshot sits in its operation's history: a version when known (else -1), a time. */
  public record Stamp(long version, Instant at) {
    /** Before everything: a row made from it takes any later snapshot. */
    public static final Stamp FIRST = new Stamp(-1, Instant.EPOCH);
  }

  private SnapshotOrder() {}

  /** The stamp of a published event. */
  public static Stamp of(OperationEvent e) {
    return new Stamp(-1, e.ts());
  }

  /** The stamp of a database read that began at {@code readStart}: it saw every earlier commit. */
  public static Stamp readAt(Instant readStart) {
    return new Stamp(-1, readStart);
  }

  /** True when {@code incoming} is older than {@code held} and must not replace it. */
  public static boolean isOlder(Stamp incoming, Stamp held) {
    if (held == null || incoming == null) {
      return false;
    }
    if (incoming.version() >= 0 && held.version() >= 0) {
      return incoming.version() < held.version();
    }
    return incoming.at().isBefore(held.at());
  }
}
