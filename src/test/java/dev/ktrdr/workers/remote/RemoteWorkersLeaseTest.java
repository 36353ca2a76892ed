package dev.ktrdr.workers.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.testing.TestEngine;
import dev.ktrdr.workers.WorkerRegistry;
import dev.ktrdr.workers.WorkerType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease, stepped by hand with a clock the test moves (no waiting, no timer). */
class RemoteWorkersLeaseTest {
  @TempDir Path dir;

  /** A clock that moves only when told. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-11-30T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aWorkerUnheardForItsLeaseIsLostAndItsJobFails() {
    try (TestEngine e = TestEngine.start(dir.resolve("lease.db"), TestEngine.instantSettings())) {
      HandClock clock = new HandClock();
      WorkerRegistry registry = new WorkerRegistry();
      RemoteWorkers remote = new RemoteWorkers(registry, e.ops(), Duration.ofSeconds(10), clock);
      remote.register("w", WorkerType.TRAINING, 2, List.of(), "test");
      Operation op = e.ops().create(OperationType.TRAINING, null, Map.of());
      registry.dispatch(WorkerType.TRAINING, op);
      assertThat(remote.poll("w", null).join().jobs()).hasSize(1);

      clock.advance(Duration.ofSeconds(10));
      remote.sweep();
      assertThat(registry.total(WorkerType.TRAINING)).as("a whole lease: still alive").isEqualTo(2);

      clock.advance(Duration.ofMillis(1));
      remote.sweep();
      assertThat(e.ops().get(op.operationId()).orElseThrow().errorMessage())
          .isEqualTo("worker lost: w (not heard from for 10 s; lease 10 s)");
      assertThat(registry.total(WorkerType.TRAINING)).isZero();
      assertThat(registry.busy(WorkerType.TRAINING)).isZero();
    }
  }

  @Test
  void aJobSentToASlotWhoseWorkerWasJustLostFailsAsLost() {
    try (TestEngine e = TestEngine.start(dir.resolve("race.db"), TestEngine.instantSettings())) {
      HandClock clock = new HandClock();
      WorkerRegistry registry = new WorkerRegistry();
      RemoteWorkers remote = new RemoteWorkers(registry, e.ops(), Duration.ofSeconds(1), clock);
      remote.register("w", WorkerType.TRAINING, 1, List.of(), "test");
      WorkerRegistry.Lease lease = registry.reserve(WorkerType.TRAINING).orElseThrow();
      Operation op = e.ops().create(OperationType.TRAINING, null, Map.of());

      clock.advance(Duration.ofSeconds(2));
      remote.sweep(); // lost between the reserve and the start
      lease.start(op);

      Operation after = e.ops().get(op.operationId()).orElseThrow();
      assertThat(after.status()).isEqualTo(OperationStatus.FAILED);
      assertThat(after.errorMessage()).isEqualTo("worker lost: w (gone as the job was sent)");
      assertThat(registry.total(WorkerType.TRAINING)).isZero();
      assertThat(registry.busy(WorkerType.TRAINING)).isZero();
    }
  }
}
