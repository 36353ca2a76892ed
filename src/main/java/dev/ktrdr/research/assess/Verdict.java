package dev.ktrdr.research.assess;

import java.util.Locale;

/** The assessment's one-word answer. */
public enum Verdict {
  PROMISING,
  MIXED,
  REJECT;

  /** {@code promising}, {@code mixed} or {@code reject}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The verdict called {@code name}, or null. */
  public static Verdict fromWire(String name) {
    for (Verdict v : values()) {
      if (v.wireName().equals(name)) {
        return v;
      }
    }
    return null;
  }
}
