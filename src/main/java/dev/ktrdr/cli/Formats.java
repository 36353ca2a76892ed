package dev.ktrdr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ktrdr.wire.CancelRefusal;
import dev.ktrdr.wire.OperationData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Text layouts shared by the commands. */
final class Formats {
  private Formats() {}

  /** {@code 0m 30s}, {@code 2m 15s}, {@code 1h 5m 0s}. */
  static String duration(double seconds) {
    long s = Math.max(0, Math.round(Math.floor(seconds)));
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh %dm %ds", s / 3600, (s % 3600) / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dm %ds", s / 60, s % 60);
  }

  /** The text, or "-" when absent or empty. */
  static String text(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }

  /** A research's phase (from its parameters), or "-". */
  static String phase(OperationData op) {
    Object phase = op.metadata() == null ? null : op.metadata().parameters().get("phase");
    return phase == null ? "-" : text(phase.toString());
  }

  static String percent(OperationData op) {
    return op.progress() == null
        ? "-"
        : String.format(Locale.ROOT, "%.0f%%", op.progress().percentage());
  }

  /** Why a cancel was refused: the service's message, or the server's error. */
  static String cancelRefusal(ApiClient.Reply reply) {
    if (reply.status() == 404 || reply.status() == 409) {
      try {
        return reply.as(CancelRefusal.class).message();
      } catch (CliFailure notARefusal) {
        // a 404 for an unknown route, say: fall back to the error text
      }
    }
    return reply.errorMessage();
  }

  /** Columns padded to their widest cell, two spaces apart. */
  static List<String> table(List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        b.append(i == cols - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
      }
      out.add(b.toString().stripTrailing());
    }
    return out;
  }

  /** A fraction as a percentage with one decimal: {@code 12.3%}. */
  static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  /** A number without a needless {@code .0}: {@code 10}, {@code 0.002}. */
  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** Lists longer than this are summarised in text output (the JSON has them whole). */
  static final int LONG_LIST = 12;

  /**
   * A JSON value on one line: strings, numbers and booleans bare, the rest as JSON, with long lists
   * (a loss curve, an equity curve, trades, model parameters) summarised as their length and ends.
   */
  static String value(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    Object shown = summarised(v);
    if (shown instanceof String text) {
      return text; // a long list, summarised
    }
    try {
      return ApiClient.MAPPER.writeValueAsString(shown);
    } catch (JsonProcessingException e) {
      return v.toString();
    }
  }

  private static Object summarised(Object v) {
    if (v instanceof java.util.Map<?, ?> m) {
      java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, summarised(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      if (l.size() <= LONG_LIST) {
        return l.stream().map(Formats::summarised).toList();
      }
      boolean numbers = l.stream().allMatch(x -> x instanceof Number);
      return numbers
          ? l.size() + " values, " + l.get(0) + " … " + l.get(l.size() - 1)
          : l.size() + " items (--json shows them)";
    }
    return v;
  }
}
