package dev.ktrdr.agent;

import java.util.Locale;

/**
 * Who asked for a cancel; recorded as {@code cancelled_by}. A user asks through the desktop, the
 * CLI or the API; the engine itself cancels a research whose child was cancelled under it.
 */
public enum CancelSource {
  DESKTOP,
  CLI,
  API,
  ENGINE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
