package dev.ktrdr.agent;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The models a research may use: alias, full id, and price per million tokens (SPEC §6). */
public enum Model {
  OPUS("opus", "claude-opus-4-5-20251101", "5", "25"),
  SONNET("sonnet", "claude-sonnet-4-5-20250929", "3", "15"),
  HAIKU("haiku", "claude-haiku-4-5-20251001", "1", "5");

  /** Used when a trigger names no model. */
  public static final Model DEFAULT = SONNET;

  private final String alias;
  private final String id;
  private final BigDecimal inputPerMillion;
  private final BigDecimal outputPerMillion;

  Model(String alias, String id, String in, String out) {
    this.alias = alias;
    this.id = id;
    this.inputPerMillion = new BigDecimal(in);
    this.outputPerMillion = new BigDecimal(out);
  }

  public String alias() {
    return alias;
  }

  public String id() {
    return id;
  }

  /** Dollars for the given token counts. */
  public BigDecimal cost(long inputTokens, long outputTokens) {
    return inputPerMillion
        .multiply(BigDecimal.valueOf(inputTokens))
        .add(outputPerMillion.multiply(BigDecimal.valueOf(outputTokens)))
        .divide(BigDecimal.valueOf(1_000_000));
  }

  /** Resolves an alias or a full id, case-insensitively. */
  public static Optional<Model> resolve(String aliasOrId) {
    if (aliasOrId == null) {
      return Optional.empty();
    }
    String s = aliasOrId.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.alias.equals(s) || m.id.equals(s)).findFirst();
  }

  public static String choices() {
    return "opus, sonnet, haiku or a full model id such as " + SONNET.id;
  }
}
