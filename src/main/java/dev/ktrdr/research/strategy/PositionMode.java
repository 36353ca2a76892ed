package dev.ktrdr.research.strategy;

import java.util.Locale;

/** Whether a strategy only buys, or also sells short (a sell signal then reverses a long). */
public enum PositionMode {
  LONG_ONLY,
  LONG_SHORT;

  /** The JSON name: {@code long_only} or {@code long_short}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode with JSON name {@code name}, or null. */
  public static PositionMode fromWire(String name) {
    for (PositionMode m : values()) {
      if (m.wireName().equals(name)) {
        return m;
      }
    }
    return null;
  }
}
