package dev.ktrdr.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Settings read once from the environment and validated (SPEC §11). A bad value is a {@link
 * ConfigException} naming the variable, never a silent default.
 */
public record Settings(
    Duration pollInterval,
    int maxConcurrentResearches,
    int concurrencyBuffer,
    BigDecimal dailyBudget,
    boolean useStubWorkers,
    Duration stubDelay,
    int stubTrainingWorkers,
    int stubBacktestWorkers,
    DatabaseLocation databaseOverride,
    String apiUrl,
    int port,
    ApiAccess apiAccess,
    int localTrainingWorkers,
    int localBacktestWorkers,
    ModelAccess modelAccess,
    Duration workerLease) {

  /** The stub phase length used when {@code STUB_WORKER_FAST=true}. */
  public static final Duration FAST_STUB_DELAY = Duration.ofMillis(500);

  public static Settings fromEnvironment() {
    return from(System.getenv());
  }

  /** Reads settings from the given variables (the real environment, or a map in tests). */
  public static Settings from(Map<String, String> env) {
    Reader r = new Reader(env);
    boolean fast = r.bool(EnvVar.STUB_WORKER_FAST);
    Duration delay = r.seconds(EnvVar.STUB_WORKER_DELAY, true);
    String db = r.raw(EnvVar.KTRDR_DB);
    return new Settings(
        r.seconds(EnvVar.AGENT_POLL_INTERVAL, false),
        r.integer(EnvVar.AGENT_MAX_CONCURRENT_RESEARCHES, 0, 10_000),
        r.integer(EnvVar.AGENT_CONCURRENCY_BUFFER, 0, 10_000),
        r.money(EnvVar.AGENT_DAILY_BUDGET),
        r.bool(EnvVar.USE_STUB_WORKERS),
        fast ? FAST_STUB_DELAY : delay,
        r.integer(EnvVar.STUB_TRAINING_WORKERS, 0, 1_000),
        r.integer(EnvVar.STUB_BACKTEST_WORKERS, 0, 1_000),
        db == null || db.isBlank() ? null : r.database(db),
        r.url(EnvVar.KTRDR_API_URL),
        r.integer(EnvVar.KTRDR_PORT, 1, 65_535),
        new ApiAccess(
            r.list(EnvVar.KTRDR_ALLOWED_HOSTS, HostPort::parse, "host names"),
            r.list(EnvVar.KTRDR_ALLOWED_ORIGINS, WebOrigin::parse, "origins"),
            r.tokens(),
            r.raw(EnvVar.KTRDR_HOST)),
        r.integer(EnvVar.LOCAL_TRAINING_WORKERS, 0, 64),
        r.integer(EnvVar.LOCAL_BACKTEST_WORKERS, 0, 64),
        new ModelAccess(
            r.secret(EnvVar.ANTHROPIC_API_KEY), r.optionalUrl(EnvVar.ANTHROPIC_BASE_URL)),
        r.seconds(EnvVar.WORKER_LEASE_SECONDS, false));
  }

  /** Defaults for everything, as if the environment were empty. */
  public static Settings defaults() {
    return from(Map.of());
  }

  public Settings withPollInterval(Duration d) {
    Copy c = new Copy(this);
    c.pollInterval = d;
    return c.settings();
  }

  public Settings withStubDelay(Duration d) {
    Copy c = new Copy(this);
    c.stubDelay = d;
    return c.settings();
  }

  public Settings withWorkers(int training, int backtest) {
    Copy c = new Copy(this);
    c.stubTrainingWorkers = training;
    c.stubBacktestWorkers = backtest;
    return c.settings();
  }

  public Settings withMaxConcurrentResearches(int max) {
    Copy c = new Copy(this);
    c.maxConcurrentResearches = max;
    return c.settings();
  }

  public Settings withDailyBudget(BigDecimal budget) {
    Copy c = new Copy(this);
    c.dailyBudget = budget;
    return c.settings();
  }

  public Settings withPort(int p) {
    Copy c = new Copy(this);
    c.port = p;
    return c.settings();
  }

  public Settings withApiAccess(ApiAccess access) {
    Copy c = new Copy(this);
    c.apiAccess = access;
    return c.settings();
  }

  /** The same settings with stub workers on or off. */
  public Settings withStubWorkers(boolean stubs) {
    Copy c = new Copy(this);
    c.useStubWorkers = stubs;
    return c.settings();
  }

  /** The same settings with this many local training and backtest workers. */
  public Settings withLocalWorkers(int training, int backtest) {
    Copy c = new Copy(this);
    c.localTrainingWorkers = training;
    c.localBacktestWorkers = backtest;
    return c.settings();
  }

  /** The same settings with another way to the model service. */
  public Settings withModelAccess(ModelAccess access) {
    Copy c = new Copy(this);
    c.modelAccess = access;
    return c.settings();
  }

  /** The same settings with another remote worker lease ({@code WORKER_LEASE_SECONDS}). */
  public Settings withWorkerLease(Duration lease) {
    Copy c = new Copy(this);
    c.workerLease = lease;
    return c.settings();
  }

  /** Training workers the engine runs: the stub count with stubs, else the local count. */
  public int trainingWorkers() {
    return useStubWorkers ? stubTrainingWorkers : localTrainingWorkers;
  }

  /** Backtest workers the engine runs: the stub count with stubs, else the local count. */
  public int backtestWorkers() {
    return useStubWorkers ? stubBacktestWorkers : localBacktestWorkers;
  }

  /**
   * The store: the command line's {@code --db} (a file path or a PostgreSQL URL), else {@code
   * $KTRDR_DB}, else the SQLite file {@link #defaultDatabaseFile}.
   *
   * @throws ConfigException when {@code --db} is neither a path nor a PostgreSQL URL
   */
  public DatabaseLocation database(String commandLineDb, Map<String, String> env) {
    if (commandLineDb != null && !commandLineDb.isBlank()) {
      try {
        return DatabaseLocation.parse(commandLineDb);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("Invalid --db: " + e.getMessage() + ".");
      }
    }
    if (databaseOverride != null) {
      return databaseOverride;
    }
    return new DatabaseLocation.SqliteFile(defaultDatabaseFile(env));
  }

  /**
   * The database file: the command line's {@code --db}, else {@code $KTRDR_DB} when it is a file,
   * else {@link #defaultDatabaseFile}.
   */
  public Path databasePath(Path commandLineDb, Map<String, String> env) {
    if (commandLineDb != null) {
      return commandLineDb.toAbsolutePath();
    }
    if (databaseOverride instanceof DatabaseLocation.SqliteFile) {
      return ((DatabaseLocation.SqliteFile) databaseOverride).path();
    }
    return defaultDatabaseFile(env);
  }

  /** {@code $XDG_DATA_HOME/ktrdr/ktrdr.db}, else {@code ~/.local/share/ktrdr/ktrdr.db}. */
  public static Path defaultDatabaseFile(Map<String, String> env) {
    String xdg = env.get("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("ktrdr").resolve("ktrdr.db").toAbsolutePath();
  }

  /** Parses one variable at a time so that each error names the variable it came from. */
  private static final class Reader {
    private final Map<String, String> env;

    Reader(Map<String, String> env) {
      this.env = env;
    }

    String raw(EnvVar v) {
      String value = env.get(v.name());
      return value == null || value.isBlank() ? v.defaultValue() : value.trim();
    }

    Duration seconds(EnvVar v, boolean zeroAllowed) {
      String value = raw(v);
      try {
        BigDecimal s = new BigDecimal(value);
        boolean ok = zeroAllowed ? s.signum() >= 0 : s.signum() > 0;
        if (!ok || s.compareTo(BigDecimal.valueOf(86_400)) > 0) {
          throw bad(
              v,
              value,
              zeroAllowed
                  ? "a number of seconds from 0 to 86400"
                  : "a number of seconds above 0 and up to 86400");
        }
        return Duration.ofNanos(s.movePointRight(9).longValue());
      } catch (NumberFormatException e) {
        throw bad(v, value, "a number of seconds, such as 2 or 0.5");
      }
    }

    int integer(EnvVar v, int min, int max) {
      String value = raw(v);
      try {
        int n = Integer.parseInt(value);
        if (n < min || n > max) {
          throw bad(v, value, "a whole number from " + min + " to " + max);
        }
        return n;
      } catch (NumberFormatException e) {
        throw bad(v, value, "a whole number from " + min + " to " + max);
      }
    }

    BigDecimal money(EnvVar v) {
      String value = raw(v);
      try {
        BigDecimal d = new BigDecimal(value);
        if (d.signum() < 0) {
          throw bad(v, value, "an amount of dollars of 0 or more, such as 5.00");
        }
        return d;
      } catch (NumberFormatException e) {
        throw bad(v, value, "an amount of dollars, such as 5.00");
      }
    }

    boolean bool(EnvVar v) {
      String value = raw(v).toLowerCase(Locale.ROOT);
      switch (value) {
        case "true":
        case "1":
        case "yes":
        case "on":
          return true;
        case "false":
        case "0":
        case "no":
        case "off":
          return false;
        default:
          throw bad(v, value, "true or false");
      }
    }

    /** The API tokens; an error names the variable, never the token. */
    ApiTokens tokens() {
      try {
        return ApiTokens.parse(
            env.get(EnvVar.KTRDR_API_TOKEN.name()), env.get(EnvVar.KTRDR_API_TOKENS.name()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage() + ".");
      }
    }

    /** A value that must never be echoed back (an API key): null when unset or blank. */
    String secret(EnvVar v) {
      String value = env.get(v.name());
      if (value == null || value.isBlank()) {
        return null;
      }
      if (value.strip().chars().anyMatch(Character::isWhitespace)) {
        throw new ConfigException(
            "Invalid " + v.name() + ": the value contains spaces (the value is not shown).");
      }
      return value.strip();
    }

    /** A file path or a PostgreSQL URL; an error never shows the value (it may hold a password). */
    DatabaseLocation database(String value) {
      try {
        return DatabaseLocation.parse(value);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            "Invalid " + EnvVar.KTRDR_DB.name() + ": " + e.getMessage() + ".");
      }
    }

    /** An http(s) URL, or null when unset. */
    String optionalUrl(EnvVar v) {
      return raw(v) == null ? null : url(v);
    }

    String url(EnvVar v) {
      String value = raw(v);
      if (!value.startsWith("http://") && !value.startsWith("https://")) {
        throw bad(v, value, "an http:// or https:// URL");
      }
      return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /**
     * A comma-separated list, each entry parsed by {@code parse}; empty entries are skipped, and
     * the first bad entry is an error naming the variable and saying what is wrong with it.
     */
    <T> List<T> list(EnvVar v, Function<String, T> parse, String what) {
      String value = raw(v);
      List<T> out = new ArrayList<>();
      for (String entry : value.split(",", -1)) {
        if (entry.isBlank()) {
          continue;
        }
        try {
          out.add(parse.apply(entry.strip()));
        } catch (IllegalArgumentException e) {
          throw bad(v, value, "comma-separated " + what + ", but " + e.getMessage());
        }
      }
      return List.copyOf(out);
    }

    private static ConfigException bad(EnvVar v, String value, String expected) {
      return new ConfigException(
          "Invalid " + v.name() + "='" + value + "': expected " + expected + ".");
    }
  }

  /**
   * A settings value being changed: the {@code with…} methods change one thing each, and this is
   * the one place that lists every component to copy.
   */
  private static final class Copy {
    private Duration pollInterval;
    private int maxConcurrentResearches;
    private int concurrencyBuffer;
    private BigDecimal dailyBudget;
    private boolean useStubWorkers;
    private Duration stubDelay;
    private int stubTrainingWorkers;
    private int stubBacktestWorkers;
    private DatabaseLocation databaseOverride;
    private String apiUrl;
    private int port;
    private ApiAccess apiAccess;
    private int localTrainingWorkers;
    private int localBacktestWorkers;
    private ModelAccess modelAccess;
    private Duration workerLease;

    Copy(Settings s) {
      pollInterval = s.pollInterval;
      maxConcurrentResearches = s.maxConcurrentResearches;
      concurrencyBuffer = s.concurrencyBuffer;
      dailyBudget = s.dailyBudget;
      useStubWorkers = s.useStubWorkers;
      stubDelay = s.stubDelay;
      stubTrainingWorkers = s.stubTrainingWorkers;
      stubBacktestWorkers = s.stubBacktestWorkers;
      databaseOverride = s.databaseOverride;
      apiUrl = s.apiUrl;
      port = s.port;
      apiAccess = s.apiAccess;
      localTrainingWorkers = s.localTrainingWorkers;
      localBacktestWorkers = s.localBacktestWorkers;
      modelAccess = s.modelAccess;
      workerLease = s.workerLease;
    }

    Settings settings() {
      return new Settings(
          pollInterval,
          maxConcurrentResearches,
          concurrencyBuffer,
          dailyBudget,
          useStubWorkers,
          stubDelay,
          stubTrainingWorkers,
          stubBacktestWorkers,
          databaseOverride,
          apiUrl,
          port,
          apiAccess,
          localTrainingWorkers,
          localBacktestWorkers,
          modelAccess,
          workerLease);
    }
  }
}
