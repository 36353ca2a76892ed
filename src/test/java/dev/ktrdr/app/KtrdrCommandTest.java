package dev.ktrdr.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run that names a face builds only that face, and that face is the same as in the full tree. */
class KtrdrCommandTest {
  @Test
  void aNamedFaceIsBuiltAloneAndHelpsAndRefusesAsInTheFullTree() {
    CommandLine full = KtrdrCommand.commandLine();
    assertThat(full.getSubcommands().keySet())
        .containsExactly(
            "console", "serve", "worker", "agent", "ops", "data", "backtest", "doctor", "help");
    for (String face : full.getSubcommands().keySet()) {
      if (face.equals("help")) {
        continue;
      }
      CommandLine alone = KtrdrCommand.commandLine(new String[] {face, "--help"});
      assertThat(alone.getSubcommands().keySet()).containsExactly(face);
      assertThat(alone.getSubcommands().get(face).getUsageMessage())
          .isEqualTo(full.getSubcommands().get(face).getUsageMessage());
    }
  }

  @Test
  void anUnknownFaceOrHelpBuildsEveryFaceForTheSuggestionsAndTheList() {
    assertThat(KtrdrCommand.commandLine(new String[] {"serv"}).getSubcommands()).hasSize(9);
    assertThat(KtrdrCommand.commandLine(new String[] {"help", "serve"}).getSubcommands())
        .hasSize(9);
    assertThat(KtrdrCommand.commandLine(new String[] {"--version"}).getSubcommands()).hasSize(9);
  }
}
