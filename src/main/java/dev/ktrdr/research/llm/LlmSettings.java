package dev.ktrdr.research.llm;

import java.time.Duration;

/**
 * How to reach the model service.
 *
 * @param baseUrl the API's address; a test points it at a local fake server
 * @param timeout the longest one request may take, retries excluded
 * @param maxRetries retries of a failed request (connection errors, 408, 409, 429, 5xx)
 */
public record LlmSettings(String apiKey, String baseUrl, Duration timeout, int maxRetries) {
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);
  public static final int DEFAULT_MAX_RETRIES = 2;

  public LlmSettings {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("an API key is required for the model service");
    }
    if (baseUrl == null || baseUrl.isBlank()) {
      baseUrl = DEFAULT_BASE_URL;
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      timeout = DEFAULT_TIMEOUT;
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more");
    }
  }

  /** The production service with default timeout and retries. */
  public static LlmSettings of(String apiKey) {
    return new LlmSettings(apiKey, DEFAULT_BASE_URL, DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES);
  }

  /** These settings against another address. */
  public LlmSettings withBaseUrl(String url) {
    return new LlmSettings(apiKey, url, timeout, maxRetries);
  }

  @Override
  public String toString() {
    return "LlmSettings[baseUrl="
        + baseUrl
        + ", timeout="
        + timeout
        + ", maxRetries="
        + maxRetries
        + "]";
  }
}
