package dev.ktrdr.desktop.lanes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.workers.WorkerSnapshot;
import dev.ktrdr.workers.WorkerType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanesModelTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private final LanesModel model = new LanesModel();

  private static Operation training(String id, String research, Instant start, Instant end) {
    return new Operation(
        id,
        research,
        OperationType.TRAINING,
        end == null ? OperationStatus.RUNNING : OperationStatus.COMPLETED,
        start,
        start,
        end,
        50,
        null,
        Map.of(),
        null,
        null);
  }

  private static OperationEvent started(Operation op) {
    return new OperationEvent(
        op.startedAt(),
        op.operationId(),
        op.operationType(),
        op.parentOperationId(),
        OperationEvent.Kind.STATUS,
        OperationStatus.PENDING,
        OperationStatus.RUNNING,
        "started",
        op);
  }

  @Test
  void aChildSeenOnAWorkerIsDrawnOnThatWorkersLane() {
    model.setWorkers(
        List.of(
            new WorkerSnapshot("training-1", WorkerType.TRAINING, false, null),
            new WorkerSnapshot("training-2", WorkerType.TRAINING, false, null),
            new WorkerSnapshot("backtest-1", WorkerType.BACKTESTING, false, null)));
    Operation c = training("op_training_1", "op_agent_research_a", T0, null);
    assertThat(model.apply(List.of(started(c)))).as("worth reading the registry").isTrue();
    model.setWorkers(
        List.of(
            new WorkerSnapshot("training-1", WorkerType.TRAINING, false, null),
            new WorkerSnapshot("training-2", WorkerType.TRAINING, true, "op_training_1"),
            new WorkerSnapshot("backtest-1", WorkerType.BACKTESTING, false, null)));
    LanesModel.Layout l = model.layout(T0.plusSeconds(5));
    assertThat(l.lanes())
        .extracting(LanesModel.Lane::workerId)
        .containsExactly("training-1", "training-2", "backtest-1");
    assertThat(l.bars().get(l.lanes().get(1)))
        .extracting(LanesModel.Bar::childId)
        .containsExactly("op_training_1");
    assertThat(l.bars().get(l.lanes().get(0))).isEmpty();
  }

  @Test
  void childrenNeverSeenOnAWorkerArePackedOnLanesFreeWhenTheyStarted() {
    model.setWorkers(
        List.of(
            new WorkerSnapshot("training-1", WorkerType.TRAINING, false, null),
            new WorkerSnapshot("training-2", WorkerType.TRAINING, false, null)));
    model.load(
        List.of(
            training("op_training_a", "r1", T0, T0.plusSeconds(10)),
            training("op_training_b", "r2", T0.plusSeconds(2), T0.plusSeconds(12)),
            training("op_training_c", "r3", T0.plusSeconds(11), T0.plusSeconds(20))));
    LanesModel.Layout l = model.layout(T0.plusSeconds(30));
    assertThat(l.bars().get(l.lanes().get(0)))
        .extracting(LanesModel.Bar::childId)
        .containsExactly("op_training_a", "op_training_c");
    assertThat(l.bars().get(l.lanes().get(1)))
        .extracting(LanesModel.Bar::childId)
        .containsExactly("op_training_b");
  }

  @Test
  void theQueueIsSampledAndOldHistoryForgotten() {
    model.sample(T0, 3, 1);
    model.sample(T0.plusSeconds(1), 5, 0);
    model.sample(T0.plusSeconds(3600), 0, 0);
    assertThat(model.layout(T0.plusSeconds(3600)).queue())
        .extracting(LanesModel.QueuePoint::training)
        .containsExactly(0);
  }

  @Test
  void aHundredWorkersAllFitTheViewAndTenGetRoomyLanes() {
    double h = 300;
    double room = h - LanesView.QUEUE - 6 - LanesView.AXIS;
    assertThat(LanesView.laneHeight(h, 100) * 100).isLessThanOrEqualTo(room);
    assertThat(LanesView.laneHeight(h, 100)).isGreaterThanOrEqualTo(1);
    assertThat(LanesView.laneHeight(h, 10)).isEqualTo(20);
  }
}
