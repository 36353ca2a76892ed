package dev.ktrdr.research.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link DatasetStore} does; each backend supplies a fresh store. */
public abstract class DatasetStoreContractTest {
  protected abstract DatasetStore store();

  protected static Dataset dataset(String id, int bars, double price) {
    List<Bar> list = new java.util.ArrayList<>();
    for (int i = 0; i < bars; i++) {
      list.add(
          new Bar(
              Instant.ofEpochSecond(86400L * i), price, price + 1, price - 1, price + i, 10 + i));
    }
    return new Dataset(id, "TST", Timeframe.parse("1d"), "imported: t.csv", list);
  }

  @Test
  void savedDatasetsComeBackWholeAndAreListed() {
    DatasetStore s = store();
    Dataset d = dataset("tst-1d", 1200, 50);
    s.save(d, null, false);
    assertThat(s.find("tst-1d")).contains(d);
    assertThat(s.list()).containsExactly(d.summary());
    assertThat(s.find("other")).isEmpty();
  }

  @Test
  void anIdIsTakenOnceUnlessReplaced() {
    DatasetStore s = store();
    s.save(dataset("a", 3, 10), null, false);
    assertThatThrownBy(() -> s.save(dataset("a", 4, 20), null, false))
        .isInstanceOf(DatasetExistsException.class)
        .hasMessageContaining("'a' already exists");
    assertThat(s.find("a").orElseThrow().size()).as("the first is untouched").isEqualTo(3);
    s.save(dataset("a", 4, 20), null, true);
    assertThat(s.find("a").orElseThrow().size()).isEqualTo(4);
  }

  @Test
  void deleteRemovesTheDatasetAndItsBars() {
    DatasetStore s = store();
    s.save(dataset("a", 3, 10), null, false);
    assertThat(s.delete("a")).isTrue();
    assertThat(s.delete("a")).isFalse();
    assertThat(s.find("a")).isEmpty();
    assertThat(s.list()).isEmpty();
  }
}
