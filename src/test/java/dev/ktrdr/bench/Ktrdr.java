package dev.ktrdr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The few API calls the benchmark makes, each checked: an unexpected reply is a setup failure. */
final class Ktrdr {
  static final String PREFIX = "/api/v1";

  private Ktrdr() {}

  /** Triggers one research and returns its id; {@code force} passes the capacity limit. */
  static String trigger(Api api, String brief, boolean force) throws IOException {
    String body =
        "{\"brief\":"
            + Api.JSON.writeValueAsString(brief)
            + ",\"model\":\"haiku\",\"force\":"
            + force
            + "}";
    Api.Reply r = api.post(PREFIX + "/agent/trigger", body);
    if (r.code() != 202 || r.text("operation_id") == null) {
      throw new SetupException("trigger answered " + r.code() + ": " + r.body());
    }
    return r.text("operation_id");
  }

  static void cancel(Api api, String id) throws IOException {
    Api.Reply r = api.delete(PREFIX + "/agent/cancel/" + id + "?reason=benchmark");
    if (r.code() != 200) {
      throw new SetupException("cancel of " + id + " answered " + r.code() + ": " + r.body());
    }
  }

  /** How many operations of {@code type} are running or pending. */
  static int activeCount(Api api, String type) throws IOException {
    Api.Reply r =
        api.get(PREFIX + "/operations?operation_type=" + type + "&active_only=true&limit=1");
    if (r.code() != 200) {
      throw new SetupException("listing " + type + " answered " + r.code() + ": " + r.body());
    }
    return r.body().path("total_count").asInt();
  }

  static JsonNode status(Api api) throws IOException {
    Api.Reply r = api.get(PREFIX + "/agent/status");
    if (r.code() != 200) {
      throw new SetupException("status answered " + r.code() + ": " + r.body());
    }
    return r.body();
  }

  /** Every operation of {@code type}, paging through the list 1,000 at a time. */
  static List<Op> all(Api api, String type) throws IOException {
    List<Op> out = new ArrayList<>();
    for (int offset = 0; ; offset += 1000) {
      Api.Reply r =
          api.get(PREFIX + "/operations?operation_type=" + type + "&limit=1000&offset=" + offset);
      if (r.code() != 200) {
        throw new SetupException("listing " + type + " answered " + r.code() + ": " + r.body());
      }
      for (JsonNode n : r.body().path("data")) {
        out.add(Op.of(n));
      }
      if (r.body().path("data").size() < 1000) {
        return out;
      }
    }
  }

  /** The timestamps of one operation that the step measures need. */
  record Op(String id, String parent, String status, Instant created, Instant completed) {
    static Op of(JsonNode n) {
      return new Op(
          n.path("operation_id").asText(),
          n.path("parent_operation_id").asText(null),
          n.path("status").asText(),
          time(n.path("created_at").asText(null)),
          time(n.path("completed_at").asText(null)));
    }

    private static Instant time(String s) {
      return s == null ? null : Instant.parse(s);
    }
  }
}
