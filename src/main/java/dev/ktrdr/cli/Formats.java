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

  /** A JSON value on one line: strings, numbers and booleans bare, the rest as JSON. */
  static String value(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    try {
      return ApiClient.MAPPER.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      return v.toString();
    }
  }
}
