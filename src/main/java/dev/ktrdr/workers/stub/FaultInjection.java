package dev.ktrdr.workers.stub;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Faults requested through a research brief, for tests and demos (SPEC §4): {@code INJECT_FAILURE}
 * fails the design, {@code INJECT_FAILURE:training|backtest|assessment} fails that phase, {@code
 * INJECT_GATE_FAIL:training|backtest} produces metrics that fail that gate, and {@code
 * INJECT_HOLD:design|training|backtest|assessment} makes that phase never end on its own: only a
 * cancel (or a shutdown) stops it, so a test can act on a running phase without racing its end.
 */
public final class FaultInjection {
  private static final Pattern FAILURE =
      Pattern.compile("INJECT_FAILURE(?::([a-z]+))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern GATE =
      Pattern.compile("INJECT_GATE_FAIL:([a-z]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern HOLD =
      Pattern.compile("INJECT_HOLD:([a-z]+)", Pattern.CASE_INSENSITIVE);

  /** The phases a fault can name. */
  public enum Stage {
    DESIGN,
    TRAINING,
    BACKTEST,
    ASSESSMENT
  }

  private FaultInjection() {}

  public static boolean failsAt(String brief, Stage stage) {
    if (brief == null) {
      return false;
    }
    Matcher m = FAILURE.matcher(brief);
    while (m.find()) {
      String named = m.group(1) == null ? "design" : m.group(1).toLowerCase(Locale.ROOT);
      if (named.equals(stage.name().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  public static boolean failsGate(String brief, Stage stage) {
    return names(GATE, brief, stage);
  }

  /** True when the brief asks {@code stage} to run until it is cancelled. */
  public static boolean holdsAt(String brief, Stage stage) {
    return names(HOLD, brief, stage);
  }

  private static boolean names(Pattern marker, String brief, Stage stage) {
    if (brief == null) {
      return false;
    }
    Matcher m = marker.matcher(brief);
    while (m.find()) {
      if (m.group(1).equalsIgnoreCase(stage.name())) {
        return true;
      }
    }
    return false;
  }

  private static final Pattern ANY_MARKER =
      Pattern.compile("INJECT_[A-Z_]+(?::[a-z]+)?", Pattern.CASE_INSENSITIVE);

  /** The brief without its markers: what a designer should read. */
  public static String withoutMarkers(String brief) {
    return brief == null
        ? null
        : ANY_MARKER.matcher(brief).replaceAll(" ").replaceAll("\\s+", " ").strip();
  }

  /** The error an injected failure reports. */
  public static String message(Stage stage) {
    return "Injected failure in " + stage.name().toLowerCase(Locale.ROOT);
  }
}
