package dev.ktrdr.api;

import dev.ktrdr.agent.AgentService;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Timestamps;
import dev.ktrdr.wire.Health;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code GET /health} checks: the database answers a cheap read, and the coordinator loop is
 * not marked running with a dead thread (then no research would move again). Any failed check makes
 * the answer 503 with one line per problem.
 */
final class HealthCheck {
  private static final Logger log = LoggerFactory.getLogger(HealthCheck.class);

  private final Runnable databaseRead;
  private final BooleanSupplier coordinatorStalled;
  private final Clock clock;
  private final String version;

  HealthCheck(
      Runnable databaseRead, BooleanSupplier coordinatorStalled, Clock clock, String version) {
    this.databaseRead = databaseRead;
    this.coordinatorStalled = coordinatorStalled;
    this.clock = clock;
    this.version = version;
  }

  /** A count of active researches is the cheap read: one indexed query. */
  static HealthCheck of(AgentService agent, OperationsService ops, String version) {
    return new HealthCheck(
        () -> ops.countActive(OperationType.AGENT_RESEARCH),
        agent::coordinatorStalled,
        ops.clock(),
        version);
  }

  /** The answer and its status: 200 when every check passed, else 503. */
  WireMapping.Answer run() {
    List<String> problems = new ArrayList<>();
    try {
      databaseRead.run();
    } catch (RuntimeException e) {
      problems.add("database: " + Objects.toString(e.getMessage(), e.getClass().getSimpleName()));
    }
    if (coordinatorStalled.getAsBoolean()) {
      problems.add(
          "coordinator: the loop thread has died; no research will advance until a restart");
    }
    Health body =
        new Health(
            problems.isEmpty() ? Health.State.OK : Health.State.UNAVAILABLE,
            version,
            Timestamps.format(clock.instant()),
            problems);
    if (!problems.isEmpty()) {
      log.warn("Health check failed: {}", String.join("; ", problems));
    }
    return new WireMapping.Answer(problems.isEmpty() ? 200 : 503, body);
  }
}
