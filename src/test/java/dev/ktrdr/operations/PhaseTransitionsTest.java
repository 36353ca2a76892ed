package dev.ktrdr.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pair of phases, allowed or forbidden, written out one by one. */
class PhaseTransitionsTest {
  static Stream<Arguments> everyPair() {
    return Stream.of(
        Arguments.of(Phase.IDLE, Phase.IDLE, false),
        Arguments.of(Phase.IDLE, Phase.DESIGNING, true),
        Arguments.of(Phase.IDLE, Phase.TRAINING, false),
        Arguments.of(Phase.IDLE, Phase.BACKTESTING, false),
        Arguments.of(Phase.IDLE, Phase.ASSESSING, false),
        Arguments.of(Phase.DESIGNING, Phase.IDLE, false),
        Arguments.of(Phase.DESIGNING, Phase.DESIGNING, true),
        Arguments.of(Phase.DESIGNING, Phase.TRAINING, true),
        Arguments.of(Phase.DESIGNING, Phase.BACKTESTING, false),
        Arguments.of(Phase.DESIGNING, Phase.ASSESSING, false),
        Arguments.of(Phase.TRAINING, Phase.IDLE, false),
        Arguments.of(Phase.TRAINING, Phase.DESIGNING, false),
        Arguments.of(Phase.TRAINING, Phase.TRAINING, true),
        Arguments.of(Phase.TRAINING, Phase.BACKTESTING, true),
        Arguments.of(Phase.TRAINING, Phase.ASSESSING, true),
        Arguments.of(Phase.BACKTESTING, Phase.IDLE, false),
        Arguments.of(Phase.BACKTESTING, Phase.DESIGNING, false),
        Arguments.of(Phase.BACKTESTING, Phase.TRAINING, false),
        Arguments.of(Phase.BACKTESTING, Phase.BACKTESTING, true),
        Arguments.of(Phase.BACKTESTING, Phase.ASSESSING, true),
        Arguments.of(Phase.ASSESSING, Phase.IDLE, false),
        Arguments.of(Phase.ASSESSING, Phase.DESIGNING, false),
        Arguments.of(Phase.ASSESSING, Phase.TRAINING, false),
        Arguments.of(Phase.ASSESSING, Phase.BACKTESTING, false),
        Arguments.of(Phase.ASSESSING, Phase.ASSESSING, true));
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("everyPair")
  void theTableDecidesEveryPair(Phase from, Phase to, boolean allowed) {
    assertThat(PhaseTransitions.isAllowed(from, to)).isEqualTo(allowed);
    Research r = inPhase(from);
    if (allowed) {
      assertThat(r.startingPhase(to, "op_child", Instant.EPOCH).phase()).isEqualTo(to);
    } else {
      assertThatThrownBy(() -> r.startingPhase(to, "op_child", Instant.EPOCH))
          .isInstanceOf(PhaseTransitions.IllegalPhaseTransitionException.class)
          .hasMessage("Illegal phase change " + from.wire() + " -> " + to.wire());
    }
  }

  @org.junit.jupiter.api.Test
  void theListAboveCoversEveryPair() {
    assertThat(everyPair().count()).isEqualTo((long) Phase.values().length * Phase.values().length);
  }

  private static Research inPhase(Phase p) {
    return new Research(p, null, "b", "m", false, null, null, null, null, null, null, null);
  }
}
