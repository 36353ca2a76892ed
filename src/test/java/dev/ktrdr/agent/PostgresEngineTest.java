package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.reply.Cancelled;
import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.PhaseGates.Gate;
import dev.ktrdr.testing.TestEngine;
import dev.ktrdr.testing.TestPostgres;
import dev.ktrdr.workers.WorkerSnapshot;
import org.junit.jupiter.api.Test;

/** The whole engine on PostgreSQL: the coordinator, its cancels and a restart, as on SQLite. */
class PostgresEngineTest {

  @Test
  void cancellingOneOfThreeLeavesTheOthersToComplete() {
    PhaseGates gates = new PhaseGates().hold("B", Phase.TRAINING);
    try (TestEngine e =
        TestEngine.start(TestPostgres.freshDatabase(), TestEngine.instantSettings(), gates)) {
      String a = e.trigger("A");
      String b = e.trigger("B");
      String c = e.trigger("C");
      Gate bTraining = gates.awaitHeld("B", Phase.TRAINING);
      String bChild = e.childOf(b, Phase.TRAINING);
      assertThat(e.workerFree(bChild)).isFalse();

      assertThat(e.agent().cancel(b)).isEqualTo(new Cancelled(b, bChild));

      assertThat(e.status(b)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(e.status(bChild)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(bTraining.awaitExit()).isTrue();
      assertThat(bTraining.sawCancel()).isTrue();
      e.awaitStatus(a, OperationStatus.COMPLETED);
      e.awaitStatus(c, OperationStatus.COMPLETED);
      assertThat(e.status(b)).isEqualTo(OperationStatus.CANCELLED);
      for (String done : new String[] {a, c}) {
        assertThat(e.get(done).resultSummary()).containsEntry("success", true);
        assertThat(e.ops().children(done))
            .hasSize(4)
            .allSatisfy(ch -> assertThat(ch.status()).isEqualTo(OperationStatus.COMPLETED));
      }
      assertThat(e.ops().children(b))
          .extracting(Operation::status)
          .containsExactly(OperationStatus.COMPLETED, OperationStatus.CANCELLED);
      await()
          .atMost(TestEngine.WAIT)
          .until(() -> e.agent().workers().stream().noneMatch(WorkerSnapshot::busy));
      // the events in order, as the live table and a resumed event stream read them
      assertThat(e.ops().history(b, 100))
          .extracting(r -> r.to() == null ? null : r.to().wire())
          .containsSubsequence("pending", "running", "cancelled");
    }
  }

  @Test
  void aBackendRestartLosesNothing() {
    DatabaseLocation.Postgres db = TestPostgres.freshDatabase();
    String running;
    String cancelled;
    String done;
    String orphan;
    PhaseGates gates =
        new PhaseGates()
            .hold("survives the restart", Phase.TRAINING)
            .hold("cancelled before the restart", Phase.DESIGNING);
    try (TestEngine first = TestEngine.start(db, TestEngine.instantSettings(), gates)) {
      done = first.trigger("done before the restart");
      first.awaitStatus(done, OperationStatus.COMPLETED);
      cancelled = first.trigger("cancelled before the restart");
      running = first.trigger("survives the restart");
      gates.awaitHeld("cancelled before the restart", Phase.DESIGNING);
      assertThat(first.agent().cancel(cancelled).success()).isTrue();
      gates.awaitHeld("survives the restart", Phase.TRAINING);
      orphan = first.childOf(running, Phase.TRAINING);
    } // the backend stops: nothing more is written, and its lock on the database goes with it

    try (TestEngine second = TestEngine.start(db, TestEngine.instantSettings())) {
      assertThat(second.status(running)).isEqualTo(OperationStatus.RUNNING);
      assertThat(second.agent().resumeIfNeeded()).isEqualTo(1);
      second.awaitStatus(running, OperationStatus.COMPLETED);
      assertThat(second.get(orphan).status()).isEqualTo(OperationStatus.FAILED);
      assertThat(second.get(orphan).errorMessage()).isEqualTo("Orphaned by restart");
      assertThat(second.status(cancelled)).isEqualTo(OperationStatus.CANCELLED);
      assertThat(second.get(cancelled).research().cancel()).isNotNull();
      assertThat(second.status(done)).isEqualTo(OperationStatus.COMPLETED);
      assertThat(second.ops().children(running))
          .noneMatch(Operation::isActive)
          .filteredOn(ch -> ch.status() == OperationStatus.COMPLETED)
          .hasSize(4);
    }
  }
}
