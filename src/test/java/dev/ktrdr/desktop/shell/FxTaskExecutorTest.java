package dev.ktrdr.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FxTaskExecutorTest {
  /**
   * Seen when the console closed under load: an event drained after close asked for a read and the
   * closed pool's rejection reached the FX thread's error handler.
   */
  @Test
  void workAskedForAfterCloseIsDroppedQuietly() {
    FxTaskExecutor executor = new FxTaskExecutor();
    executor.close();
    AtomicBoolean ran = new AtomicBoolean();
    assertThatCode(
            () ->
                executor.execute(
                    () -> {
                      ran.set(true);
                      return 1;
                    },
                    r -> ran.set(true),
                    e -> ran.set(true)))
        .doesNotThrowAnyException();
    assertThat(ran).isFalse();
  }
}
