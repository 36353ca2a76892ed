package dev.ktrdr.config;

/**
 * How to reach the Claude models ({@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL}). Without a
 * key, design and assessment are rule-based. The key never appears in {@link #toString()}, so
 * settings can be logged.
 *
 * @param apiKey the key, or null
 * @param baseUrl the service's address, or null for the official one
 */
public record ModelAccess(String apiKey, String baseUrl) {
  /** No key: rule-based design and assessment. */
  public static ModelAccess none() {
    return new ModelAccess(null, null);
  }

  public boolean hasKey() {
    return apiKey != null && !apiKey.isBlank();
  }

  @Override
  public String toString() {
    return "ModelAccess[apiKey=" + (hasKey() ? "(set)" : "(none)") + ", baseUrl=" + baseUrl + "]";
  }
}
