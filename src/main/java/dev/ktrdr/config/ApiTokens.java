package dev.ktrdr.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bearer tokens the API accepts: one shared token ({@code KTRDR_API_TOKEN}) and/or named ones
 * ({@code KTRDR_API_TOKENS=alice:…,worker-1:…}). A named token's name is who acts ({@code
 * cancelled_by}); the shared token has no name, so its holders are told apart only by the kind of
 * client they are (the CLI, a console, another program). Empty: no token, loopback only.
 *
 * <p>Only SHA-256 digests of the tokens are kept, and a presented token is compared digest to
 * digest with {@link MessageDigest#isEqual} (constant time for equal lengths, and digests always
 * have equal lengths): neither the time an answer takes nor a heap dump gives a token away.
 */
public final class ApiTokens {
  /** Shorter tokens are refused at start: a token guarding a network port must not be guessable. */
  public static final int MIN_LENGTH = 16;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

  /** One accepted token: its digest and its name (null for the shared token). */
  private record Entry(byte[] digest, String name) {}

  private final List<Entry> entries;

  private ApiTokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static ApiTokens none() {
    return new ApiTokens(List.of());
  }

  /**
   * The tokens from the two variables' values (either may be null or blank).
   *
   * @throws IllegalArgumentException naming the variable and what is wrong, never the token
   */
  public static ApiTokens parse(String shared, String named) {
    List<Entry> out = new ArrayList<>();
    if (shared != null && !shared.isBlank()) {
      out.add(new Entry(digest(checkToken(shared.strip(), EnvVar.KTRDR_API_TOKEN.name())), null));
    }
    if (named != null && !named.isBlank()) {
      List<String> names = new ArrayList<>();
      for (String entry : named.split(",", -1)) {
        if (entry.isBlank()) {
          continue;
        }
        String e = entry.strip();
        int colon = e.indexOf(':');
        String var = EnvVar.KTRDR_API_TOKENS.name();
        if (colon <= 0) {
          throw new IllegalArgumentException(
              "Invalid " + var + ": expected name:token pairs separated by commas");
        }
        String name = e.substring(0, colon);
        if (!NAME.matcher(name).matches()) {
          throw new IllegalArgumentException(
              "Invalid "
                  + var
                  + ": the name '"
                  + name
                  + "' may only have letters, digits and _ . @ - (at most 64)");
        }
        if (names.contains(name)) {
          throw new IllegalArgumentException("Invalid " + var + ": the name '" + name + "' twice");
        }
        names.add(name);
        out.add(
            new Entry(digest(checkToken(e.substring(colon + 1), var + " (" + name + ")")), name));
      }
    }
    for (int i = 0; i < out.size(); i++) {
      for (int j = i + 1; j < out.size(); j++) {
        if (MessageDigest.isEqual(out.get(i).digest(), out.get(j).digest())) {
          throw new IllegalArgumentException(
              "Invalid API tokens: two entries share one token, so they cannot be told apart");
        }
      }
    }
    return new ApiTokens(out);
  }

  private static String checkToken(String token, String where) {
    if (token.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid "
              + where
              + ": a token must have at least "
              + MIN_LENGTH
              + " characters (the value is not shown)");
    }
    if (token.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException(
          "Invalid "
              + where
              + ": a token may only have visible ASCII characters (the value is not shown)");
    }
    return token;
  }

  /** True when at least one token is configured, so every protected route needs one. */
  public boolean required() {
    return !entries.isEmpty();
  }

  /**
   * Who a presented token belongs to: empty when it matches none; a match of the shared token is
   * {@link Identity#shared()}. Every entry is compared, so the time taken does not depend on which
   * entry (if any) matches.
   */
  public Optional<Identity> identify(String presented) {
    if (presented == null || entries.isEmpty()) {
      return Optional.empty();
    }
    byte[] d = digest(presented);
    Entry match = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.digest(), d) && match == null) {
        match = e;
      }
    }
    return match == null ? Optional.empty() : Optional.of(new Identity(match.name()));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Equal when they accept the same tokens under the same names. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ApiTokens)) {
      return false;
    }
    List<Entry> other = ((ApiTokens) o).entries;
    if (other.size() != entries.size()) {
      return false;
    }
    for (int i = 0; i < entries.size(); i++) {
      Entry a = entries.get(i);
      Entry b = other.get(i);
      if (!MessageDigest.isEqual(a.digest(), b.digest())
          || !java.util.Objects.equals(a.name(), b.name())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (Entry e : entries) {
      h = 31 * h + java.util.Arrays.hashCode(e.digest()) + java.util.Objects.hashCode(e.name());
    }
    return h;
  }

  /** Never prints a token or its digest. */
  @Override
  public String toString() {
    return "ApiTokens[" + entries.size() + "]";
  }

  /** The holder of an accepted token: a name, or null for the shared token. */
  public record Identity(String name) {
    public static Identity shared() {
      return new Identity(null);
    }

    public boolean named() {
      return name != null;
    }
  }
}
