package dev.ktrdr.operations;

import java.util.Optional;
import java.util.function.Function;

/**
 * Finds an enum constant by its wire name (case-insensitively). A plain loop over a cached array:
 * rows read by the thousand call it per column, and a stream with a capturing lambda per call was
 * the largest source of garbage in a profile of 300 cancels.
 */
final class WireNames {
  private WireNames() {}

  static <E> Optional<E> find(E[] values, Function<E, String> wire, String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (E e : values) {
      if (wire.apply(e).equalsIgnoreCase(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
