package dev.ktrdr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.testing.DeadPort;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code ktrdr console --connect URL}: what it refuses, before any window opens. */
class ConnectOptionTest {
  private final StringWriter err = new StringWriter();

  private int console(String... args) {
    var cl = KtrdrCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "console";
    System.arraycopy(args, 0, all, 1, args.length);
    return cl.execute(all);
  }

  @Test
  void aServerThatCannotBeReachedIsOneClearLine() throws Exception {
    try (DeadPort dead = new DeadPort()) {
      assertThat(console("--connect", dead.url())).isEqualTo(1);
      assertThat(err.toString())
          .startsWith("Error: Cannot reach " + dead.url())
          .doesNotContain("\tat ");
    }
  }

  @Test
  void aUrlThatIsNotOneSaysWhatIsExpected() {
    assertThat(console("--connect", "127.0.0.1:8000")).isEqualTo(1);
    assertThat(err.toString()).contains("Invalid server URL '127.0.0.1:8000'", "http://HOST:PORT");
  }

  @Test
  void theLocalEnginesOptionsDoNotMixWithConnect() {
    assertThat(console("--connect", "http://127.0.0.1:8000", "--db", "x.db")).isEqualTo(1);
    assertThat(err.toString()).contains("--connect", "--db belong to that server");
  }
}
