package dev.ktrdr.research.strategy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One indicator of a strategy, under a name its features refer to.
 *
 * @param params every parameter of the type, defaults filled in
 */
public record IndicatorSpec(String name, IndicatorType type, Map<String, Double> params) {
  public IndicatorSpec {
    params = Map.copyOf(params);
  }

  /** An indicator with the given parameters and defaults for the rest. */
  public static IndicatorSpec of(
      String name, IndicatorType type, Map<String, ? extends Number> given) {
    Map<String, Double> p = new LinkedHashMap<>();
    for (ParamDef d : type.params()) {
      Number v = given.get(d.name());
      p.put(d.name(), v == null ? d.defaultValue() : v.doubleValue());
    }
    return new IndicatorSpec(name, type, p);
  }

  /** A whole-number parameter. */
  public int intParam(String param) {
    return params.get(param).intValue();
  }

  /** A parameter. */
  public double param(String param) {
    return params.get(param);
  }

  /** Bars needed before the indicator's values are trustworthy. */
  public int warmup() {
    return type.warmup(params);
  }

  Map<String, Object> toMap() {
    Map<String, Object> p = new LinkedHashMap<>();
    for (ParamDef d : type.params()) {
      double v = params.get(d.name());
      p.put(d.name(), d.integer() ? (Object) (int) v : (Object) v);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("type", type.wireName());
    m.put("params", p);
    return m;
  }
}
