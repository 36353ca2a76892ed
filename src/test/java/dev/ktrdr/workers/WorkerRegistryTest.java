package dev.ktrdr.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerRegistryTest {
  /** A worker that only records what it is asked, so the registry is tested on its own. */
  static final class RecordingWorker implements Worker {
    final String id;
    final WorkerType type;
    final Map<String, Runnable> running = new HashMap<>();
    final List<String> cancelled = new ArrayList<>();

    RecordingWorker(String id, WorkerType type) {
      this.id = id;
      this.type = type;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public WorkerType type() {
      return type;
    }

    @Override
    public void start(Operation operation, Runnable onEnd) {
      running.put(operation.operationId(), onEnd);
    }

    @Override
    public void cancel(String operationId) {
      cancelled.add(operationId);
    }
  }

  private static Operation op(String id) {
    return new Operation(
        id,
        null,
        OperationType.TRAINING,
        OperationStatus.PENDING,
        Instant.now(),
        null,
        null,
        0,
        null,
        Map.of(),
        null,
        null);
  }

  @Test
  void dispatchUsesFreeWorkersAndQueuesWhenAllAreBusy() {
    WorkerRegistry registry = new WorkerRegistry();
    RecordingWorker w1 = new RecordingWorker("t1", WorkerType.TRAINING);
    registry.register(w1);
    registry.register(new RecordingWorker("b1", WorkerType.BACKTESTING));

    assertThat(registry.dispatch(WorkerType.TRAINING, op("op1"))).contains("t1");
    assertThat(registry.isRunning("op1")).isTrue();
    assertThat(registry.hasAvailable(WorkerType.TRAINING)).isFalse();
    assertThat(registry.dispatch(WorkerType.TRAINING, op("op2"))).isEmpty();
    assertThat(registry.busy(WorkerType.TRAINING)).isEqualTo(1);
    assertThat(registry.busy(WorkerType.BACKTESTING)).isZero();

    w1.running.get("op1").run(); // the worker finished on its own
    assertThat(registry.isRunning("op1")).isFalse();
    assertThat(registry.hasAvailable(WorkerType.TRAINING)).isTrue();
  }

  @Test
  void cancelStopsTheWorkAndFreesTheWorkerAndLateEndsAreHarmless() {
    WorkerRegistry registry = new WorkerRegistry();
    RecordingWorker w1 = new RecordingWorker("t1", WorkerType.TRAINING);
    registry.register(w1);
    registry.dispatch(WorkerType.TRAINING, op("op1"));

    assertThat(registry.cancel("op1")).isTrue();
    assertThat(w1.cancelled).containsExactly("op1");
    assertThat(registry.snapshot())
        .containsExactly(new WorkerSnapshot("t1", WorkerType.TRAINING, false, null));

    registry.dispatch(WorkerType.TRAINING, op("op2"));
    w1.running.get("op1").run(); // the cancelled job's late end must not free op2's worker
    assertThat(registry.isRunning("op2")).isTrue();
    assertThat(registry.cancel("unknown")).isFalse();
  }
}
