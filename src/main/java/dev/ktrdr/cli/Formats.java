package dev.ktrdr.cli;

import com.fasterxml.jackson.databind.JsonNode;
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

  /** A text field, or "-" when absent or null. */
  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? "-" : v.asText();
  }

  static String phase(JsonNode op) {
    return text(op.path("metadata").path("parameters"), "phase");
  }

  static String percent(JsonNode op) {
    JsonNode p = op.path("progress").path("percentage");
    return p.isNumber() ? String.format(Locale.ROOT, "%.0f%%", p.asDouble()) : "-";
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

  /** A JSON value on one line: strings bare, the rest as JSON. */
  static String value(JsonNode v) {
    return v == null || v.isNull() ? "-" : v.isValueNode() ? v.asText() : v.toString();
  }
}
