package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktrdr.testing.ApiHarness;
import dev.ktrdr.testing.ApiHarness.Reply;
import dev.ktrdr.testing.TestEngine;
import dev.ktrdr.wire.Health;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /health} checks the database and the coordinator loop, and says what is wrong. */
class HealthTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void allChecksPassingIsOk() {
    WireMapping.Answer a = new HealthCheck(() -> {}, () -> false, CLOCK, "1.2.3").run();
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body())
        .isEqualTo(new Health(Health.State.OK, "1.2.3", "2026-01-02T03:04:05.000Z", List.of()));
  }

  @Test
  void eachFailedCheckIsOneLineOfA503() {
    WireMapping.Answer a =
        new HealthCheck(
                () -> {
                  throw new IllegalStateException("database is closed");
                },
                () -> true,
                CLOCK,
                "1.2.3")
            .run();
    assertThat(a.status()).isEqualTo(503);
    Health h = (Health) a.body();
    assertThat(h.status()).isEqualTo(Health.State.UNAVAILABLE);
    assertThat(h.problems()).hasSize(2);
    assertThat(h.problems().get(0)).isEqualTo("database: database is closed");
    assertThat(h.problems().get(1)).startsWith("coordinator: the loop thread has died");
  }

  @Test
  void aRunningServerIsHealthyAndAClosedDatabaseIsA503() {
    try (ApiHarness api =
        ApiHarness.start(dir.resolve("h.db"), TestEngine.fastSettings(Duration.ofSeconds(5)))) {
      Reply ok = api.get("/api/v1/health");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.json().get("status").asText()).isEqualTo("ok");
      assertThat(ok.json().get("problems")).isEmpty();

      api.engine().runtime().close(); // the engine and its database go away; the API stays up
      Reply down = api.get("/api/v1/health");
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.contentType()).contains("application/json");
      assertThat(down.json().get("status").asText()).isEqualTo("unavailable");
      assertThat(down.json().get("problems").get(0).asText()).startsWith("database: ");
    }
  }

  /**
   * A loop thread that died while marked running (say an error escaped it) is what health must
   * catch: no research would move again. The thread is killed from outside (Thread.stop, which Java
   * 17 still has), so the test does not depend on which errors the loop itself survives.
   */
  @Test
  @SuppressWarnings({"deprecation", "removal"})
  void aDeadCoordinatorThreadIsA503() {
    Assumptions.assumeTrue(Runtime.version().feature() < 20, "Thread.stop works up to Java 19");
    try (ApiHarness api =
        ApiHarness.start(dir.resolve("c.db"), TestEngine.fastSettings(Duration.ofSeconds(60)))) {
      api.trigger("keeps the loop running");
      Thread loop =
          await()
              .atMost(TestEngine.WAIT)
              .until(HealthTest::coordinatorThread, Optional::isPresent)
              .get();
      assertThat(api.get("/api/v1/health").status()).isEqualTo(200);

      loop.stop();
      // the dying thread's error is the point, not a failure of this test
      await().dontCatchUncaughtExceptions().atMost(TestEngine.WAIT).until(() -> !loop.isAlive());

      Reply r = api.get("/api/v1/health");
      assertThat(r.status()).isEqualTo(503);
      JsonNode problems = r.json().get("problems");
      assertThat(problems).hasSize(1);
      assertThat(problems.get(0).asText()).startsWith("coordinator: ");
    }
  }

  private static Optional<Thread> coordinatorThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("ktrdr-coordinator") && t.isAlive())
        .findFirst();
  }
}
