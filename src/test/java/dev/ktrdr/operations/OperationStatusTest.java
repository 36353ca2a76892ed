package dev.ktrdr.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationStatusTest {
  private static final Set<String> ALLOWED =
      Set.of(
          "pending>running",
          "pending>completed",
          "pending>failed",
          "pending>cancelled",
          "running>completed",
          "running>failed",
          "running>cancelled");

  @Test
  void everyPairFollowsTheStateMachine() {
    for (OperationStatus from : OperationStatus.values()) {
      for (OperationStatus to : OperationStatus.values()) {
        boolean expected = ALLOWED.contains(from.wire() + ">" + to.wire());
        assertThat(OperationStatus.isAllowed(from, to)).as(from + " -> " + to).isEqualTo(expected);
        if (!expected) {
          assertThatThrownBy(() -> OperationStatus.requireAllowed(from, to))
              .isInstanceOf(IllegalTransitionException.class);
        }
      }
    }
  }

  @Test
  void terminalStatusesAreFinal() {
    for (OperationStatus s : OperationStatus.values()) {
      if (s.isTerminal()) {
        for (OperationStatus to : OperationStatus.values()) {
          assertThat(OperationStatus.isAllowed(s, to)).isFalse();
        }
      }
    }
    assertThat(OperationStatus.ACTIVE)
        .containsExactlyInAnyOrder(OperationStatus.PENDING, OperationStatus.RUNNING);
  }

  @Test
  void idsHaveTheDocumentedShape() {
    String id =
        OperationIds.next(
            OperationType.AGENT_RESEARCH, java.time.Instant.parse("2026-11-28T10:15:00Z"));
    assertThat(id).matches("op_agent_research_20261128_101500_[0-9a-f]{8}");
    assertThat(OperationIds.looksValid(id)).isTrue();
    assertThat(OperationIds.looksValid("../etc/passwd")).isFalse();
    assertThat(OperationIds.looksValid("op_x'; DROP TABLE operations;--")).isFalse();
  }
}
