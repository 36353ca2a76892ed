package dev.ktrdr.desktop.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Column widths as a pure function of the table width and what the user chose. */
class ColumnLayoutTest {
  private static final List<Column> ALL = List.of(Column.values());

  private static double minimums() {
    return ALL.stream().mapToDouble(Column::minWidth).sum();
  }

  @Test
  void aWideTableShowsEveryColumnAndFillsTheWidth() {
    Map<Column, Double> w = ColumnLayout.fit(ALL, Map.of(), 1200);
    assertThat(w.keySet()).containsExactlyElementsOf(ALL);
    assertThat(w.values().stream().mapToDouble(Double::doubleValue).sum())
        .isBetween(1200 - ALL.size() * 1.0, 1200.0);
  }

  @Test
  void aNarrowTableHidesTheLeastImportantColumnsButNeverSqueezesOneBelowItsMinimum() {
    double available = minimums() - Column.CHILD.minWidth() + 10;
    Map<Column, Double> w = ColumnLayout.fit(ALL, Map.of(), available);
    assertThat(w).doesNotContainKey(Column.CHILD);
    assertThat(w).containsKeys(Column.ID, Column.STATUS, Column.PHASE, Column.CANCEL);
    w.forEach((c, width) -> assertThat(width).as(c.name()).isGreaterThanOrEqualTo(c.minWidth()));
    Map<Column, Double> tiny = ColumnLayout.fit(ALL, Map.of(), 300);
    assertThat(tiny).containsKey(Column.CANCEL).doesNotContainKeys(Column.CHILD, Column.DURATION);
    tiny.forEach((c, width) -> assertThat(width).isGreaterThanOrEqualTo(c.minWidth()));
  }

  @Test
  void smallThenLargeAgainIsTheSameLayoutAsBefore() {
    Map<Column, Double> chosen = Map.of(Column.STRATEGY, 200.0);
    Map<Column, Double> before = ColumnLayout.fit(ALL, chosen, 1100);
    ColumnLayout.fit(ALL, chosen, 500);
    assertThat(ColumnLayout.fit(ALL, chosen, 1100)).isEqualTo(before);
  }

  @Test
  void theWidthTheUserChoseIsKeptWhenThereIsRoom() {
    Map<Column, Double> w = ColumnLayout.fit(ALL, Map.of(Column.PHASE, 140.0), 1600);
    assertThat(w.get(Column.PHASE)).isEqualTo(140.0); // Phase does not grow
  }
}
