package dev.ktrdr.config;

/**
 * Every environment variable the product reads, with its default: the one place these names and
 * defaults are written down (SPEC §11). The README's configuration table mirrors this enum.
 */
public enum EnvVar {
  AGENT_POLL_INTERVAL("2", "Seconds between the coordinator's safety sweeps"),
  AGENT_MAX_CONCURRENT_RESEARCHES("0", "Research limit; 0 derives it from the worker counts"),
  AGENT_CONCURRENCY_BUFFER("1", "Added to the worker count when the limit is derived"),
  AGENT_DAILY_BUDGET("5.00", "Dollars of model spend allowed per UTC day"),
  USE_STUB_WORKERS("false", "Stub phases (tests, demos) instead of real research on local workers"),
  STUB_WORKER_DELAY("30", "Seconds each stub phase takes"),
  STUB_WORKER_FAST("false", "Make every stub phase take 0.5 seconds"),
  STUB_TRAINING_WORKERS("2", "Number of stub training workers"),
  STUB_BACKTEST_WORKERS("2", "Number of stub backtest workers"),
  // One of each by default: a training or backtest job keeps one core busy, and the machine the
  // console is made for has two; more only queue for the same cores.
  LOCAL_TRAINING_WORKERS("1", "Number of local (real) training workers"),
  LOCAL_BACKTEST_WORKERS("1", "Number of local (real) backtest workers"),
  ANTHROPIC_API_KEY(null, "Key for Claude models; unset: rule-based design and assessment"),
  ANTHROPIC_BASE_URL(null, "Address of the Anthropic API (default https://api.anthropic.com)"),
  WORKER_LEASE_SECONDS(
      "15",
      "Seconds a remote worker may go unheard before its jobs fail as \"worker lost\"; also how"
          + " long a restarted backend waits for it to reconnect"),
  KTRDR_DB(
      null,
      "SQLite file, or postgresql://user@host:5432/db (default $XDG_DATA_HOME/ktrdr/ktrdr.db)"),
  KTRDR_API_URL("http://localhost:8000", "Server the CLI talks to"),
  KTRDR_PORT("8000", "Port the API listens on"),
  KTRDR_HOST("127.0.0.1", "Address the API listens on; anything but loopback needs a token"),
  KTRDR_API_TOKEN(
      null, "Bearer token: required by the API off loopback; sent by the CLI, workers, consoles"),
  KTRDR_API_TOKENS(null, "Named tokens the server accepts (name:token,…); the name is who acts"),
  KTRDR_ALLOWED_HOSTS("", "Extra Host names the API answers (comma-separated, port optional)"),
  KTRDR_ALLOWED_ORIGINS("", "Extra web origins allowed to call the API (comma-separated)");

  private final String defaultValue;
  private final String description;

  EnvVar(String defaultValue, String description) {
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The default, or null when the variable has none (its absence means "derive it"). */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
