package dev.ktrdr.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.db.Database;
import dev.ktrdr.db.DatabaseLockedException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link OperationStore} must have, run against SQLite here and against
 * PostgreSQL by {@link PostgresOperationStoreContractTest}.
 */
class OperationStoreContractTest {
  @TempDir Path dir;
  private DatabaseLocation location;

  /** The database under test; opened again (the same one) where a test reopens it. */
  protected DatabaseLocation newLocation() {
    return new DatabaseLocation.SqliteFile(dir.resolve("ops.db"));
  }

  /** What the refusal of a second backend on the same database says. */
  protected String refusalMessage() {
    return "in use by another ktrdr process";
  }

  private Database db;
  private OperationsService ops;
  private final List<OperationEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    location = newLocation();
    db = Database.open(location);
    ops = new OperationsService(new SqlOperationStore(db), Clock.systemUTC());
    ops.addListener(events::add);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void createdOperationsAreStoredAndReadBack() {
    Operation parent = ops.create(OperationType.AGENT_RESEARCH, null, Map.of("phase", "idle"));
    Operation child =
        ops.create(OperationType.TRAINING, parent.operationId(), Map.of("brief", "x"));
    Operation read = ops.get(child.operationId()).orElseThrow();
    assertThat(read.parentOperationId()).isEqualTo(parent.operationId());
    assertThat(read.status()).isEqualTo(OperationStatus.PENDING);
    assertThat(read.parameters()).containsEntry("brief", "x");
    assertThat(ops.children(parent.operationId()))
        .extracting(Operation::operationId)
        .containsExactly(child.operationId());
    assertThat(events).extracting(OperationEvent::kind).containsOnly(OperationEvent.Kind.CREATED);
  }

  @Test
  void transitionsAreConditionalAndTerminalStatesFinal() {
    String id = ops.create(OperationType.AGENT_RESEARCH, null, Map.of()).operationId();
    assertThat(ops.start(id).applied()).isTrue();
    Transition done = ops.complete(id, Map.of("ok", true));
    assertThat(done.applied()).isTrue();
    assertThat(done.operation().progressPercentage()).isEqualTo(100.0);

    Transition cancel = ops.cancel(id, "late");
    assertThat(cancel.applied()).isFalse();
    assertThat(cancel.current()).isEqualTo(OperationStatus.COMPLETED);
    assertThat(ops.fail(id, "late").applied()).isFalse();
    assertThat(ops.start(id).applied()).isFalse();
    assertThat(ops.updateProgress(id, 3, "x")).isFalse();
    assertThat(ops.updateResearch(id, s -> s.withAssessmentVerdict("late"))).isEmpty();

    Operation after = ops.get(id).orElseThrow();
    assertThat(after.status()).isEqualTo(OperationStatus.COMPLETED);
    assertThat(after.parameters()).doesNotContainKey("assessment_verdict");
    assertThat(after.errorMessage()).isNull();
    assertThat(after.completedAt()).isNotNull();
  }

  @Test
  void unknownIdsAreReportedNotFound() {
    assertThat(ops.cancel("op_nope", "x").found()).isFalse();
    assertThat(ops.get("op_nope")).isEmpty();
  }

  @Test
  void concurrentFinishersLeaveExactlyOneTerminalState() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int i = 0; i < 100; i++) {
        String id = ops.create(OperationType.TRAINING, null, Map.of()).operationId();
        ops.start(id);
        CyclicBarrier barrier = new CyclicBarrier(3);
        List<Future<Transition>> results = new ArrayList<>();
        results.add(
            pool.submit(
                () -> {
                  barrier.await();
                  return ops.complete(id, Map.of());
                }));
        results.add(
            pool.submit(
                () -> {
                  barrier.await();
                  return ops.fail(id, "boom");
                }));
        results.add(
            pool.submit(
                () -> {
                  barrier.await();
                  return ops.cancel(id, "stop");
                }));
        int applied = 0;
        OperationStatus winner = null;
        for (Future<Transition> f : results) {
          Transition t = f.get();
          if (t.applied()) {
            applied++;
            winner = t.current();
          }
        }
        assertThat(applied).as("winners in round " + i).isEqualTo(1);
        assertThat(ops.get(id).orElseThrow().status()).isEqualTo(winner);
        for (Future<Transition> f : results) {
          if (!f.get().applied()) {
            assertThat(f.get().current()).as("loser is told who won").isEqualTo(winner);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void listFiltersPagesAndCountsNewestFirst() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(ops.create(OperationType.AGENT_RESEARCH, null, Map.of()).operationId());
    }
    ops.create(OperationType.TRAINING, ids.get(0), Map.of());
    ops.start(ids.get(1));
    ops.cancel(ids.get(2), "x");

    OperationPage research =
        ops.list(OperationQuery.all().withType(OperationType.AGENT_RESEARCH).withLimit(2));
    assertThat(research.totalCount()).isEqualTo(5);
    assertThat(research.activeCount()).isEqualTo(4);
    assertThat(research.operations())
        .extracting(Operation::operationId)
        .containsExactly(ids.get(4), ids.get(3));
    OperationPage page2 =
        ops.list(new OperationQuery(null, OperationType.AGENT_RESEARCH, false, null, 2, 2));
    assertThat(page2.operations())
        .extracting(Operation::operationId)
        .containsExactly(ids.get(2), ids.get(1));
    assertThat(ops.list(OperationQuery.all().withStatus(OperationStatus.CANCELLED)).operations())
        .extracting(Operation::operationId)
        .containsExactly(ids.get(2));
    assertThat(ops.active(OperationType.AGENT_RESEARCH))
        .extracting(Operation::operationId)
        .containsExactly(ids.get(0), ids.get(1), ids.get(3), ids.get(4));
    assertThat(ops.countActive(OperationType.AGENT_RESEARCH)).isEqualTo(4);
  }

  @Test
  void everyStatusChangeIsLoggedAndPublished() {
    String id = ops.create(OperationType.AGENT_DESIGN, null, Map.of()).operationId();
    ops.start(id);
    ops.cancel(id, "Cancelled by user");
    ops.log(id, "note");
    assertThat(ops.history(id, 100))
        .extracting(EventRecord::kind)
        .containsExactly(
            OperationEvent.Kind.CREATED,
            OperationEvent.Kind.STATUS,
            OperationEvent.Kind.STATUS,
            OperationEvent.Kind.LOG);
    assertThat(events)
        .filteredOn(e -> e.kind() == OperationEvent.Kind.STATUS)
        .extracting(OperationEvent::to)
        .containsExactly(OperationStatus.RUNNING, OperationStatus.CANCELLED);
    Operation op = ops.get(id).orElseThrow();
    assertThat(op.errorMessage()).isEqualTo("Cancelled by user");
  }

  @Test
  void dataSurvivesReopening() {
    String id =
        ops.create(OperationType.AGENT_RESEARCH, null, Map.of("brief", "keep me")).operationId();
    ops.start(id);
    db.close();
    db = Database.open(location);
    ops = new OperationsService(new SqlOperationStore(db), Clock.systemUTC());
    Operation op = ops.get(id).orElseThrow();
    assertThat(op.status()).isEqualTo(OperationStatus.RUNNING);
    assertThat(op.param("brief")).isEqualTo("keep me");
  }

  @Test
  void aSecondOpenOfTheSameDatabaseIsRefused() {
    Assertions.assertThatThrownBy(() -> Database.open(location))
        .isInstanceOf(DatabaseLockedException.class)
        .hasMessageContaining(refusalMessage());
  }
}
