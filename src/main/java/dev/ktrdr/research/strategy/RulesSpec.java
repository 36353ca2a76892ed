package dev.ktrdr.research.strategy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the model's output becomes positions. At each bar's close the model gives the probability
 * that the price is higher {@code horizon} bars later. At or above {@code entryThreshold} the
 * strategy wants to be long; at or below {@code exitThreshold} it wants to be flat (long-only) or
 * short (long-short); in between it keeps what it has.
 */
public record RulesSpec(double entryThreshold, double exitThreshold) {
  static final ParamDef ENTRY = ParamDef.number("entry_threshold", 0.5, 0.95, 0.55);
  static final ParamDef EXIT = ParamDef.number("exit_threshold", 0.05, 0.5, 0.45);

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entry_threshold", entryThreshold);
    m.put("exit_threshold", exitThreshold);
    return m;
  }
}
