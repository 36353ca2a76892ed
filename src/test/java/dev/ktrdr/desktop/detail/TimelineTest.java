package dev.ktrdr.desktop.detail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private static Operation op(
      OperationType type, OperationStatus s, Instant created, Instant started, Instant ended) {
    return new Operation(
        "op_" + type.wire() + "_" + created.getEpochSecond(),
        "op_agent_research_r",
        type,
        s,
        created,
        started,
        ended,
        0,
        null,
        Map.of(),
        null,
        null);
  }

  private static Operation research(OperationStatus s, String phase, Instant ended) {
    return new Operation(
        "op_agent_research_r",
        null,
        OperationType.AGENT_RESEARCH,
        s,
        T0,
        T0,
        ended,
        20,
        null,
        Map.of("phase", phase),
        null,
        null);
  }

  @Test
  void phasesAreBarsAndTheQueueForAWorkerIsAWaitInTheLaneItWaitedFor() {
    Operation design =
        op(OperationType.AGENT_DESIGN, OperationStatus.COMPLETED, T0, T0, T0.plusSeconds(20));
    // No training worker was free for 35 s: the training child came late.
    Operation training =
        op(
            OperationType.TRAINING,
            OperationStatus.RUNNING,
            T0.plusSeconds(55),
            T0.plusSeconds(55),
            null);
    Timeline t =
        Timeline.of(
            research(OperationStatus.RUNNING, "training", null),
            List.of(training, design),
            T0.plusSeconds(65));
    assertThat(t.segments())
        .extracting(Timeline.Segment::lane, Timeline.Segment::waiting)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Phase.DESIGNING, false),
            org.assertj.core.groups.Tuple.tuple(Phase.TRAINING, true),
            org.assertj.core.groups.Tuple.tuple(Phase.TRAINING, false));
    assertThat(t.segments().get(1).length()).isEqualTo(Duration.ofSeconds(35));
    assertThat(t.segments().get(2).end()).isEqualTo(T0.plusSeconds(65)); // live: up to now
    assertThat(t.waited()).isEqualTo(Duration.ofSeconds(35));
  }

  @Test
  void aResearchWaitingNowShowsAnOpenWaitUpToNow() {
    Operation design =
        op(OperationType.AGENT_DESIGN, OperationStatus.COMPLETED, T0, T0, T0.plusSeconds(20));
    Timeline t =
        Timeline.of(
            research(OperationStatus.RUNNING, "designing", null),
            List.of(design),
            T0.plusSeconds(50));
    Timeline.Segment last = t.segments().get(t.segments().size() - 1);
    assertThat(last.waiting()).isTrue();
    assertThat(last.lane()).isEqualTo(Phase.TRAINING);
    assertThat(last.length()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aCancelledResearchEndsWhereItWasCancelled() {
    Operation design =
        op(OperationType.AGENT_DESIGN, OperationStatus.CANCELLED, T0, T0, T0.plusSeconds(8));
    Timeline t =
        Timeline.of(
            research(OperationStatus.CANCELLED, "designing", T0.plusSeconds(8)),
            List.of(design),
            T0.plusSeconds(100));
    assertThat(t.to()).isEqualTo(T0.plusSeconds(8));
    assertThat(t.segments()).hasSize(1);
    assertThat(t.segments().get(0).status()).isEqualTo(OperationStatus.CANCELLED);
  }
}
