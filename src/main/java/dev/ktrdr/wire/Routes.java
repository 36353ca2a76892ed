package dev.ktrdr.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Every route of the API, as a path template under {@link #PREFIX}: the server registers and
 * documents these, the CLI fills them in. {@code {name}} marks a path parameter.
 */
public final class Routes {
  public static final String PREFIX = "/api/v1";

  public static final String TRIGGER = "/agent/trigger";
  public static final String STATUS = "/agent/status";
  public static final String CANCEL = "/agent/cancel/{operation_id}";
  public static final String BUDGET = "/agent/budget";
  public static final String OPERATIONS = "/operations";
  public static final String OPERATION = "/operations/{id}";
  public static final String CHILDREN = "/operations/{id}/children";
  public static final String LOG = "/operations/{id}/log";
  public static final String WORKERS = "/workers";
  public static final String WORKER_POLL = "/workers/{worker_id}/poll";
  public static final String WORKER_PROGRESS = "/workers/{worker_id}/progress";
  public static final String WORKER_RESULT = "/workers/{worker_id}/result";
  public static final String HEALTH = "/health";
  public static final String DATA = "/data";
  public static final String DATA_IMPORT = "/data/import";
  public static final String DATA_BARS = "/data/{id}/bars";
  public static final String BACKTEST = "/backtest";
  public static final String OPENAPI = "/openapi.json";
  public static final String EVENTS = "/events";

  private Routes() {}

  /**
   * The path segments of {@code template} (without the prefix), each {@code {name}} replaced by the
   * next of {@code values}, left unencoded: the HTTP client encodes each segment.
   */
  public static List<String> segments(String template, String... values) {
    List<String> out = new ArrayList<>();
    int next = 0;
    for (String part : template.substring(1).split("/")) {
      if (part.startsWith("{")) {
        if (next >= values.length) {
          throw new IllegalArgumentException("No value for " + part + " in " + template);
        }
        out.add(values[next++]);
      } else {
        out.add(part);
      }
    }
    if (next != values.length) {
      throw new IllegalArgumentException("Too many values for " + template);
    }
    return out;
  }
}
