package dev.ktrdr.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.desktop.shell.TaskExecutor;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.operations.OperationQuery;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.testing.PhaseGates;
import dev.ktrdr.testing.TestEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console loads every research, not a first page of {@link OperationQuery#MAX_LIMIT}. */
class ConsoleLoadTest {
  @TempDir Path dir;
  private TestEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void moreResearchesThanOnePageAreAllLoadedAndTheFilterFindsTheOldest() {
    // Whatever the coordinator starts stays in its design: the rows do not change under the test.
    engine =
        TestEngine.start(
            dir.resolve("k.db"),
            TestEngine.instantSettings(),
            new PhaseGates().holdEvery(Phase.DESIGNING));
    int n = OperationQuery.MAX_LIMIT + 6;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(
          engine
              .ops()
              .create(OperationType.AGENT_RESEARCH, null, Map.of("brief", "load " + i))
              .operationId());
    }
    ConsoleViewModel vm =
        new ConsoleViewModel(
            engine.agent(), engine.ops(), TaskExecutor.sameThread(), Clock.systemUTC());
    vm.refresh();
    assertThat(vm.rows()).hasSize(n);
    assertThat(vm.table().totalCountProperty().get()).isEqualTo(n);
    assertThat(vm.visibleRows()).hasSize(n);
    assertThat(vm.messageProperty().get()).startsWith("Loaded 1,006 researches at ");
    vm.filterTextProperty().set(ids.get(0));
    assertThat(vm.visibleRows()).extracting(OperationRow::id).containsExactly(ids.get(0));
    // Newest first, and the oldest really last, across the page boundary.
    vm.filterTextProperty().set("");
    assertThat(vm.visibleRows().get(0).id()).isEqualTo(ids.get(n - 1));
    assertThat(vm.visibleRows().get(n - 1).id()).isEqualTo(ids.get(0));
  }
}
