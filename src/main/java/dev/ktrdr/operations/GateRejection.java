package dev.ktrdr.operations;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a quality gate sent a research straight to a partial assessment (SPEC §3): the gate ({@code
 * training} or {@code backtest}), the reason code and a readable detail.
 */
public record GateRejection(String gate, String reason, String detail) {
  /** The wire shape, {@code {"gate", "reason", "detail"}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gate", gate);
    m.put("reason", reason);
    m.put("detail", detail);
    return m;
  }

  /** From the wire shape; null for null. */
  public static GateRejection fromMap(Map<?, ?> m) {
    if (m == null) {
      return null;
    }
    return new GateRejection(text(m.get("gate")), text(m.get("reason")), text(m.get("detail")));
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }
}
