package dev.ktrdr.operations;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Makes and recognises operation ids: {@code op_{type}_{yyyyMMdd_HHmmss UTC}_{8 hex}}. */
public final class OperationIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SHAPE = Pattern.compile("op_[a-z_]+_\\d{8}_\\d{6}_[0-9a-f]{8}");

  private OperationIds() {}

  public static String next(OperationType type, Instant now) {
    return String.format("op_%s_%s_%08x", type.wire(), STAMP.format(now), RANDOM.nextInt());
  }

  /** True when {@code id} has the shape of an id this product makes. */
  public static boolean looksValid(String id) {
    return id != null && id.length() <= 80 && SHAPE.matcher(id).matches();
  }
}
