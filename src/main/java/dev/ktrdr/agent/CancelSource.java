package dev.ktrdr.agent;

import java.util.Locale;

/** Who asked for a cancel; recorded as {@code cancelled_by}. */
public enum CancelSource {
  DESKTOP,
  CLI,
  API;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
