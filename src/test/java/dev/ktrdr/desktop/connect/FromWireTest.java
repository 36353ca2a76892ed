package dev.ktrdr.desktop.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.remote.RemoteException;
import dev.ktrdr.wire.OperationChanged;
import dev.ktrdr.wire.OperationData;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stream's events as the console's own, so that its log and notices read as for a local one.
 */
class FromWireTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private static OperationData research(String status) {
    return new OperationData(
        "op_agent_research_20261201_100000_0a0b0c0d",
        null,
        "agent_research",
        status,
        "2026-12-01T09:59:00Z",
        "2026-12-01T09:59:01Z",
        status.equals("running") ? null : "2026-12-01T10:00:00Z",
        new OperationData.Progress(40, "training"),
        new OperationData.Metadata(Map.of("phase", "training")),
        null,
        null,
        59);
  }

  @Test
  void aStatusChangeKeepsWhereItCameFromAndItsLine() {
    OperationEvent e =
        FromWire.event(
            new OperationChanged(
                7,
                OperationChanged.Change.STATUS,
                "running",
                "cancelled by alice",
                research("cancelled")),
            NOW,
            OperationStatus.RUNNING);
    assertThat(e.kind()).isEqualTo(OperationEvent.Kind.STATUS);
    assertThat(e.from()).isEqualTo(OperationStatus.RUNNING);
    assertThat(e.to()).isEqualTo(OperationStatus.CANCELLED);
    assertThat(e.message()).isEqualTo("cancelled by alice");
    assertThat(e.version()).isEqualTo(7);
    assertThat(e.operationType()).isEqualTo(OperationType.AGENT_RESEARCH);
    assertThat(e.operation().param("phase")).isEqualTo("training");
  }

  @Test
  void anotherChangeThatCarriesANewStatusCountsAsTheStatusChange() {
    // A cancel's status change and its log line share a version: the stream sent only the line.
    OperationEvent e =
        FromWire.event(
            new OperationChanged(
                8, OperationChanged.Change.LOG, null, "stopped", research("cancelled")),
            NOW,
            OperationStatus.RUNNING);
    assertThat(e.kind()).isEqualTo(OperationEvent.Kind.STATUS);
    assertThat(e.from()).isEqualTo(OperationStatus.RUNNING);
    assertThat(e.to()).isEqualTo(OperationStatus.CANCELLED);
  }

  @Test
  void aCatchUpSnapshotIsNoStatusChangeAndNoLine() {
    OperationEvent e =
        FromWire.event(
            new OperationChanged(9, OperationChanged.Change.SNAPSHOT, research("completed")),
            NOW,
            OperationStatus.RUNNING);
    assertThat(e.kind()).isEqualTo(OperationEvent.Kind.PROGRESS);
    assertThat(e.to()).isNull();
    assertThat(e.operation().status()).isEqualTo(OperationStatus.COMPLETED);
  }

  @Test
  void anUnknownStatusFromANewerServerSaysWhich() {
    assertThatThrownBy(() -> FromWire.operation(research("paused")))
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("unknown status 'paused'");
  }
}
