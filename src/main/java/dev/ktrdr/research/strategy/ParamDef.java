package dev.ktrdr.research.strategy;

/**
 * One parameter of an indicator or a model: its JSON name, whether it is a whole number, its bounds
 * (inclusive) and its default. The JSON schema and the validation both read these.
 */
public record ParamDef(String name, boolean integer, double min, double max, double defaultValue) {
  static ParamDef integer(String name, int min, int max, int defaultValue) {
    return new ParamDef(name, true, min, max, defaultValue);
  }

  static ParamDef number(String name, double min, double max, double defaultValue) {
    return new ParamDef(name, false, min, max, defaultValue);
  }
}
