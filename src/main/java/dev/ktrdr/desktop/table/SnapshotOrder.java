package dev.ktrdr.desktop.table;

import dev.ktrdr.operations.Operation;

/**
 * Which of two snapshots of one operation is newer. Events handed to the FX thread and reads racing
 * events can arrive out of order; the console drops a snapshot older than the one it holds. The
 * engine stamps every committed change with a version from one global sequence ({@link
 * Operation#version()}, the same number an event carries), so a read and an event compare directly.
 * Snapshots built by hand (tests, the benchmarks' storms) have version 0 and simply arrive in
 * order.
 */
public final class SnapshotOrder {
  private SnapshotOrder() {}

  /** True when {@code incoming} is older than the snapshot of version {@code held}. */
  public static boolean isOlder(Operation incoming, long held) {
    return incoming.version() < held;
  }
}
