package dev.ktrdr.desktop.table;

import static dev.ktrdr.desktop.table.Rows.T0;
import static dev.ktrdr.desktop.table.Rows.hashes;
import static dev.ktrdr.desktop.table.Rows.merge;
import static dev.ktrdr.desktop.table.Rows.research;
import static dev.ktrdr.desktop.table.Rows.running;
import static dev.ktrdr.desktop.table.Rows.versioned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table's model with plain JUnit: what is shown, in which order, and when it may move. */
class TableModelTest {
  private final TableModel model = new TableModel();
  private final List<OperationRow> mirror = Rows.mirror(model.shown());

  @Test
  void newResearchesWaitWhileHeldSoNoShownRowMovesThenShowOnReveal() {
    merge(model, T0, running("aaaa0001", 1), running("aaaa0002", 2), running("aaaa0003", 3));
    assertThat(hashes(model.shown())).containsExactly("aaaa0003", "aaaa0002", "aaaa0001");
    List<OperationRow> before = new ArrayList<>(model.shown());

    model.setHeld(true); // the pointer is over the table
    merge(model, T0.plusSeconds(10), running("bbbb0004", 4), running("bbbb0005", 5));

    assertThat(model.shown()).containsExactlyElementsOf(before);
    assertThat(model.pendingCountProperty().get()).isEqualTo(2);
    assertThat(model.totalCountProperty().get()).isEqualTo(5);

    model.reveal(); // "2 new"
    assertThat(hashes(model.shown()))
        .containsExactly("bbbb0005", "bbbb0004", "aaaa0003", "aaaa0002", "aaaa0001");
    assertThat(model.pendingCountProperty().get()).isZero();
    assertThat(mirror).containsExactlyElementsOf(model.shown());
  }

  @Test
  void aSnapshotWithAnOlderVersionThanTheRowsIsDroppedWhateverItsArrival() {
    // An event (version 12: training 40 %) lands before a page read that began earlier
    // (version 9: designing 5 %): the engine's version decides, not the order of arrival.
    Operation newer =
        versioned(research("eeee0001", T0, OperationStatus.RUNNING, "training", 40, Map.of()), 12);
    Operation older =
        versioned(research("eeee0001", T0, OperationStatus.RUNNING, "designing", 5, Map.of()), 9);
    merge(model, T0, newer);
    model.merge(List.of(older), T0.plusSeconds(1), false);
    OperationRow row = model.shown().get(0);
    assertThat(row.phaseProperty().get()).isEqualTo("training");
    assertThat(row.operation().version()).isEqualTo(12);

    Operation next =
        versioned(
            research("eeee0001", T0, OperationStatus.RUNNING, "backtesting", 60, Map.of()), 13);
    merge(model, T0.plusSeconds(2), next);
    assertThat(row.phaseProperty().get()).isEqualTo("backtesting");
  }

  @Test
  void releasingTheHoldShowsWhatWaited() {
    merge(model, T0, running("aaaa0001", 1));
    model.setHeld(true);
    merge(model, T0, running("bbbb0002", 2));
    assertThat(hashes(model.shown())).containsExactly("aaaa0001");
    model.setHeld(false);
    assertThat(hashes(model.shown())).containsExactly("bbbb0002", "aaaa0001");
    assertThat(mirror).containsExactlyElementsOf(model.shown());
  }

  @Test
  void olderResearchesLoadedWhileHeldAppendBelowAndMoveNothing() {
    merge(model, T0, running("cccc0009", 9), running("cccc0008", 8));
    model.setHeld(true);
    List<OperationRow> before = new ArrayList<>(model.shown());
    model.merge(List.of(running("dddd0002", 2), running("dddd0001", 1)), T0, false);
    assertThat(model.shown().subList(0, 2)).containsExactlyElementsOf(before);
    assertThat(hashes(model.shown()))
        .containsExactly("cccc0009", "cccc0008", "dddd0002", "dddd0001");
    assertThat(model.pendingCountProperty().get()).isZero();
    assertThat(mirror).containsExactlyElementsOf(model.shown());
  }

  @Test
  void aChangedRowKeepsItsPlaceWhileHeldAndMovesWhenReleased() {
    merge(
        model,
        T0,
        research("aaaa0001", T0.plusSeconds(1), OperationStatus.RUNNING, "training", 20, Map.of()),
        research("aaaa0002", T0.plusSeconds(2), OperationStatus.RUNNING, "training", 50, Map.of()));
    model.sortBy(List.of(new TableModel.SortKey(Column.PROGRESS, false)));
    assertThat(hashes(model.shown())).containsExactly("aaaa0002", "aaaa0001");

    model.setHeld(true);
    merge(
        model,
        T0.plusSeconds(5),
        research(
            "aaaa0001", T0.plusSeconds(1), OperationStatus.RUNNING, "backtesting", 65, Map.of()));
    assertThat(hashes(model.shown())).containsExactly("aaaa0002", "aaaa0001");

    model.setHeld(false);
    assertThat(hashes(model.shown())).containsExactly("aaaa0001", "aaaa0002");
    assertThat(mirror).containsExactlyElementsOf(model.shown());
  }

  @Test
  void aRowThatStopsPassingTheFilterStaysWhileHeld() {
    model.statusFilterProperty().set(StatusFilter.ACTIVE);
    merge(model, T0, running("aaaa0001", 1), running("aaaa0002", 2));
    model.setHeld(true);
    merge(
        model,
        T0.plusSeconds(70),
        research("aaaa0001", T0.plusSeconds(1), OperationStatus.COMPLETED, "assessing"));
    assertThat(hashes(model.shown())).containsExactly("aaaa0002", "aaaa0001");
    assertThat(model.row(model.shown().get(1).id()).phaseProperty().get())
        .isEqualTo(OperationRow.DONE);
    model.setHeld(false);
    assertThat(hashes(model.shown())).containsExactly("aaaa0002");
    assertThat(mirror).containsExactlyElementsOf(model.shown());
  }

  @Test
  void theFilterRunsOverEveryResearchTheOldestIncluded() {
    List<dev.ktrdr.operations.Operation> many = new ArrayList<>();
    for (int i = 0; i < 1_006; i++) {
      many.add(running(String.format("%08x", i), i));
    }
    model.merge(many, T0, false);
    assertThat(model.shown()).hasSize(1_006);
    model.filterTextProperty().set("00000000"); // the oldest
    assertThat(hashes(model.shown())).containsExactly("00000000");
    model.filterTextProperty().set("");
    assertThat(model.shown()).hasSize(1_006);
    assertThat(mirror).containsExactlyElementsOf(model.shown());
  }

  @Test
  void researchesCreatedInTheSameSecondSortByCreationTimeNotByTheirHash() {
    Instant early = T0.plusMillis(100);
    Instant late = T0.plusMillis(900);
    merge(
        model,
        T0.plusSeconds(1),
        research("ffffffff", early, OperationStatus.RUNNING, "designing"),
        research("00000000", late, OperationStatus.RUNNING, "designing"));
    assertThat(hashes(model.shown())).containsExactly("00000000", "ffffffff");
  }

  @Test
  void changesToAHiddenRowShowItWhenItStartsPassing() {
    model.statusFilterProperty().set(StatusFilter.CANCELLED);
    merge(model, T0, running("aaaa0001", 1));
    assertThat(model.shown()).isEmpty();
    merge(
        model,
        T0.plusSeconds(3),
        research("aaaa0001", T0.plusSeconds(1), OperationStatus.CANCELLED, "designing"));
    assertThat(hashes(model.shown())).containsExactly("aaaa0001");
    assertThat(mirror).containsExactlyElementsOf(model.shown());
  }

  @Test
  void aManyRowReorderIsOnePermutationTheTableCanFollow() {
    List<dev.ktrdr.operations.Operation> ops = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ops.add(
          research(
              String.format("%08x", i),
              T0.plusSeconds(i),
              OperationStatus.RUNNING,
              "training",
              (i * 37) % 100,
              Map.of()));
    }
    model.merge(ops, T0, false);
    model.sortBy(List.of(new TableModel.SortKey(Column.PROGRESS, true)));
    List<OperationRow> sorted = new ArrayList<>(model.shown());
    sorted.sort(Column.PROGRESS.comparator().thenComparing(Column.ID.comparator().reversed()));
    assertThat(model.shown()).containsExactlyElementsOf(sorted);
    assertThat(mirror).containsExactlyElementsOf(model.shown());
  }
}
