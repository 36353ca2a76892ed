package dev.ktrdr.agent;

/** What a trigger asks for; null brief or model take their defaults. */
public record TriggerRequest(String brief, String model, boolean bypassGates, boolean force) {
  /** The brief used when none is given. */
  public static final String DEFAULT_BRIEF = "Design a new trading strategy";

  public static final int MAX_BRIEF_LENGTH = 10_000;

  public static TriggerRequest of(String brief) {
    return new TriggerRequest(brief, null, false, false);
  }
}
