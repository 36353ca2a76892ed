package dev.ktrdr.operations;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Makes and recognises operation ids: {@code op_{type}_{yyyyMMdd_HHmmss UTC}_{8 hex}}. */
public final class OperationIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

  /**
   * The 8 hex digits: a per-process sequence from a random start, scrambled by a bijection of the
   * 32-bit integers (multiplying by an odd constant), so that they look random yet never repeat
   * within a process: two ids made in the same second, however many, always differ. (Random digits
   * collide: at 1,000 ids a second, two in one second share them every few hours.)
   */
  private static final AtomicInteger SEQUENCE = new AtomicInteger(new SecureRandom().nextInt());

  private static final int SCRAMBLE = 0x9E3779B1; // odd: multiplication by it is a bijection
  private static final Pattern SHAPE = Pattern.compile("op_[a-z_]+_\\d{8}_\\d{6}_[0-9a-f]{8}");

  private OperationIds() {}

  public static String next(OperationType type, Instant now) {
    String hex = Integer.toHexString(SEQUENCE.getAndIncrement() * SCRAMBLE);
    StringBuilder id = new StringBuilder(48).append("op_").append(type.wire()).append('_');
    id.append(STAMP.format(now)).append('_');
    for (int i = hex.length(); i < 8; i++) {
      id.append('0');
    }
    return id.append(hex).toString();
  }

  /** True when {@code id} has the shape of an id this product makes. */
  public static boolean looksValid(String id) {
    return id != null && id.length() <= 80 && SHAPE.matcher(id).matches();
  }
}
