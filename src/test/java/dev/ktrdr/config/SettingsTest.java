package dev.ktrdr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void defaultsMatchTheSpec() {
    Settings s = Settings.defaults();
    assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.maxConcurrentResearches()).isZero();
    assertThat(s.concurrencyBuffer()).isEqualTo(1);
    assertThat(s.dailyBudget()).isEqualByComparingTo(new BigDecimal("5.00"));
    assertThat(s.useStubWorkers()).as("real research is the default (SPEC §11)").isFalse();
    assertThat(s.localTrainingWorkers()).isEqualTo(1);
    assertThat(s.localBacktestWorkers()).isEqualTo(1);
    assertThat(s.trainingWorkers()).isEqualTo(1);
    assertThat(s.backtestWorkers()).isEqualTo(1);
    assertThat(s.modelAccess().hasKey()).isFalse();
    assertThat(s.stubDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.stubTrainingWorkers()).isEqualTo(2);
    assertThat(s.stubBacktestWorkers()).isEqualTo(2);
    assertThat(s.apiUrl()).isEqualTo("http://localhost:8000");
    assertThat(s.port()).isEqualTo(8000);
    assertThat(s.apiAccess()).isEqualTo(ApiAccess.localOnly());
  }

  @Test
  void allowedHostsAndOriginsAreParsedAndNormalised() {
    ApiAccess a =
        Settings.from(
                Map.of(
                    "KTRDR_ALLOWED_HOSTS", " DevBox , ktrdr.internal:9999,,[::1]:8000 ",
                    "KTRDR_ALLOWED_ORIGINS", "http://DevBox:3000/, https://ktrdr.example:443"))
            .apiAccess();
    assertThat(a.extraHosts())
        .containsExactly(
            new HostPort("devbox", HostPort.NO_PORT),
            new HostPort("ktrdr.internal", 9999),
            new HostPort("[::1]", 8000));
    assertThat(a.extraOrigins())
        .containsExactly(
            WebOrigin.parse("http://devbox:3000"), WebOrigin.parse("https://ktrdr.example"));
    // The default port is the same origin written either way, as a browser writes it.
    assertThat(a.extraOrigins().get(1).toString()).isEqualTo("https://ktrdr.example");
  }

  @Test
  void badAllowedHostsOrOriginsNameTheVariableAndTheEntry() {
    for (String bad :
        new String[] {"http://devbox", "*", "devbox:0", "devbox:http", "a:b:c", "[::1"}) {
      assertThatThrownBy(() -> Settings.from(Map.of("KTRDR_ALLOWED_HOSTS", "ok," + bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("KTRDR_ALLOWED_HOSTS")
          .hasMessageContaining("comma-separated host names");
    }
    for (String bad :
        new String[] {
          "null", "*", "devbox:3000", "ftp://devbox", "http://devbox/app", "http://u@x"
        }) {
      assertThatThrownBy(() -> Settings.from(Map.of("KTRDR_ALLOWED_ORIGINS", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("KTRDR_ALLOWED_ORIGINS");
    }
    assertThatThrownBy(() -> Settings.from(Map.of("KTRDR_ALLOWED_ORIGINS", "null")))
        .hasMessageContaining("cannot be allowed");
  }

  @Test
  void theRemoteWorkerLeaseIsFifteenSecondsUnlessSet() {
    assertThat(Settings.defaults().workerLease()).isEqualTo(Duration.ofSeconds(15));
    assertThat(Settings.from(Map.of("WORKER_LEASE_SECONDS", "2.5")).workerLease())
        .isEqualTo(Duration.ofMillis(2500));
    for (String bad : new String[] {"0", "-1", "soon"}) {
      assertThatThrownBy(() -> Settings.from(Map.of("WORKER_LEASE_SECONDS", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("WORKER_LEASE_SECONDS='" + bad + "'");
    }
  }

  @Test
  void fastStubsTakeHalfASecond() {
    assertThat(Settings.from(Map.of("STUB_WORKER_FAST", "true")).stubDelay())
        .isEqualTo(Duration.ofMillis(500));
    assertThat(Settings.from(Map.of("STUB_WORKER_DELAY", "0.25")).stubDelay())
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> Settings.from(Map.of("AGENT_POLL_INTERVAL", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("AGENT_POLL_INTERVAL='soon'");
    assertThatThrownBy(() -> Settings.from(Map.of("AGENT_POLL_INTERVAL", "0")))
        .hasMessageContaining("AGENT_POLL_INTERVAL");
    assertThatThrownBy(() -> Settings.from(Map.of("STUB_TRAINING_WORKERS", "-1")))
        .hasMessageContaining("STUB_TRAINING_WORKERS");
    assertThatThrownBy(() -> Settings.from(Map.of("AGENT_DAILY_BUDGET", "lots")))
        .hasMessageContaining("AGENT_DAILY_BUDGET");
    assertThatThrownBy(() -> Settings.from(Map.of("USE_STUB_WORKERS", "maybe")))
        .hasMessageContaining("USE_STUB_WORKERS");
    assertThatThrownBy(() -> Settings.from(Map.of("KTRDR_PORT", "70000")))
        .hasMessageContaining("KTRDR_PORT");
    assertThatThrownBy(() -> Settings.from(Map.of("KTRDR_API_URL", "localhost:8000")))
        .hasMessageContaining("KTRDR_API_URL");
  }

  @Test
  void localWorkersAndTheModelKeyAreRead() {
    Settings s =
        Settings.from(
            Map.of(
                "LOCAL_TRAINING_WORKERS", "2",
                "LOCAL_BACKTEST_WORKERS", "3",
                "ANTHROPIC_API_KEY", " sk-test-123 ",
                "ANTHROPIC_BASE_URL", "http://127.0.0.1:9/"));
    assertThat(s.trainingWorkers()).isEqualTo(2);
    assertThat(s.backtestWorkers()).isEqualTo(3);
    assertThat(s.modelAccess()).isEqualTo(new ModelAccess("sk-test-123", "http://127.0.0.1:9"));
    assertThat(s.toString()).as("the key is never shown").doesNotContain("sk-test-123");
    Settings stubs = s.withStubWorkers(true);
    assertThat(stubs.trainingWorkers()).isEqualTo(stubs.stubTrainingWorkers());
    assertThat(stubs.backtestWorkers()).isEqualTo(stubs.stubBacktestWorkers());
  }

  @Test
  void badLocalWorkerCountsAndModelSettingsNameTheVariable() {
    for (String bad : new String[] {"-1", "two", "65", "1.5"}) {
      assertThatThrownBy(() -> Settings.from(Map.of("LOCAL_TRAINING_WORKERS", bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("LOCAL_TRAINING_WORKERS='" + bad + "'")
          .hasMessageContaining("a whole number from 0 to 64");
      assertThatThrownBy(() -> Settings.from(Map.of("LOCAL_BACKTEST_WORKERS", bad)))
          .hasMessageContaining("LOCAL_BACKTEST_WORKERS");
    }
    assertThatThrownBy(() -> Settings.from(Map.of("ANTHROPIC_API_KEY", "sk secret")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ANTHROPIC_API_KEY")
        .message()
        .doesNotContain("secret");
    assertThatThrownBy(() -> Settings.from(Map.of("ANTHROPIC_BASE_URL", "api.anthropic.com")))
        .hasMessageContaining("ANTHROPIC_BASE_URL");
  }

  @Test
  void databasePathFollowsThePrecedence() {
    Path cli = Path.of("/tmp/a.db");
    Settings withEnvDb = Settings.from(Map.of("KTRDR_DB", "/tmp/b.db"));
    assertThat(withEnvDb.databasePath(cli, Map.of())).isEqualTo(cli);
    assertThat(withEnvDb.databasePath(null, Map.of())).isEqualTo(Path.of("/tmp/b.db"));
    assertThat(Settings.defaults().databasePath(null, Map.of("XDG_DATA_HOME", "/data")))
        .isEqualTo(Path.of("/data/ktrdr/ktrdr.db"));
    assertThat(Settings.defaults().databasePath(null, Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".local/share/ktrdr/ktrdr.db"));
  }
}
