package dev.ktrdr.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.data.DatasetExistsException;
import dev.ktrdr.research.data.DatasetStore;
import dev.ktrdr.research.data.DatasetStoreContractTest;
import dev.ktrdr.research.data.DatasetStoreException;
import dev.ktrdr.research.data.DatasetSummary;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imported datasets in the engine's database: the store contract, plus what the one writer asks of
 * a large import (slices, each its own unit; a dataset never seen half-written; leftovers of an
 * interrupted import removed).
 */
class SqlDatasetStoreTest extends DatasetStoreContractTest {
  @TempDir Path dir;
  private final List<Database> open = new ArrayList<>();

  private Database db(String name) {
    Database d = Database.open(dir.resolve(name));
    open.add(d);
    return d;
  }

  @AfterEach
  void closeAll() {
    open.forEach(Database::close);
  }

  @Override
  protected DatasetStore store() {
    return new SqlDatasetStore(db("contract-" + open.size() + ".db"));
  }

  @Test
  void aLargeImportIsWrittenInSlicesAndOtherWritesCommitBetweenThem() throws Exception {
    Database d = db("slices.db");
    CountDownLatch firstSlice = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    SqlDatasetStore store =
        new SqlDatasetStore(
            d,
            written -> {
              if (written == SqlDatasetStore.SLICE) {
                firstSlice.countDown();
                await(goOn);
              }
            });
    Dataset big = dataset("big", SqlDatasetStore.SLICE * 3 + 7, 100);
    CompletableFuture<Void> importing =
        CompletableFuture.runAsync(() -> store.save(big, null, false));
    assertThat(firstSlice.await(60, TimeUnit.SECONDS)).isTrue();
    // Between two slices: the first is committed, the dataset is not visible yet, and the writer
    // takes another unit (a cancel, say) without waiting for the rest of the import.
    assertThat(count(d, "SELECT COUNT(*) FROM dataset_bars")).isEqualTo(SqlDatasetStore.SLICE);
    assertThat(store.find("big")).isEmpty();
    assertThat(store.list()).isEmpty();
    String done = d.writeAndWait(tx -> "committed", true);
    assertThat(done).isEqualTo("committed");
    goOn.countDown();
    importing.get(60, TimeUnit.SECONDS);
    assertThat(store.find("big")).contains(big);
    assertThat(store.list()).extracting(DatasetSummary::id).containsExactly("big");
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void anImportInterruptedMidwayIsInvisibleAndRemovedOnTheNextOpen() throws Exception {
    Path file = dir.resolve("crash.db");
    Database d = Database.open(file);
    SqlDatasetStore store = new SqlDatasetStore(d);
    Dataset d1 = dataset("half", SqlDatasetStore.SLICE * 2, 10);
    // Break the second slice: its insert fails, as a full disk would.
    d.writeAndWait(
        tx -> {
          try (Statement s = tx.connection().createStatement()) {
            s.execute(
                "CREATE TEMP TRIGGER no_late_bars BEFORE INSERT ON dataset_bars"
                    + " WHEN NEW.bar_ms >= "
                    + d1.bars().get(SqlDatasetStore.SLICE).time().toEpochMilli()
                    + " BEGIN SELECT RAISE(ABORT, 'disk full'); END");
          }
          return null;
        },
        false);
    assertThatThrownBy(() -> store.save(d1, null, false))
        .isInstanceOf(DatasetStoreException.class)
        .hasMessageContaining("disk full");
    assertThat(store.find("half")).isEmpty();
    assertThat(store.list()).isEmpty();
    assertThat(count(d, "SELECT COUNT(*) FROM dataset_bars"))
        .as("its first slice is gone")
        .isZero();
    d.close();

    // A crash between slices (no cleanup ran) leaves an incomplete row and bars behind.
    Database again = Database.open(file);
    again.writeAndWait(
        tx -> {
          try (Statement s = tx.connection().createStatement()) {
            s.execute(
                "INSERT INTO datasets (dataset_id, symbol, timeframe, source, bar_count,"
                    + " first_bar_ms, last_bar_ms, created_at, complete)"
                    + " VALUES ('half', 'TST', '1d', 'x', 2, 0, 86400000, 'now', 0)");
            s.execute("INSERT INTO dataset_bars VALUES ('half', 0, 1, 1, 1, 1, 1)");
          }
          return null;
        },
        false);
    again.close();
    Database reopened = db("crash.db");
    SqlDatasetStore fresh = new SqlDatasetStore(reopened);
    assertThat(count(reopened, "SELECT COUNT(*) FROM datasets")).isZero();
    assertThat(count(reopened, "SELECT COUNT(*) FROM dataset_bars")).isZero();
    fresh.save(d1, null, false);
    assertThat(fresh.find("half")).contains(d1);
  }

  @Test
  void importedDataSurvivesARestart() {
    Path file = dir.resolve("keep.db");
    Dataset d = dataset("keep", 300, 7);
    Database first = Database.open(file);
    new SqlDatasetStore(first).save(d, null, false);
    first.close();
    assertThat(new SqlDatasetStore(db("keep.db")).find("keep")).contains(d);
  }

  @Test
  void twoImportsOfOneNameAtOnceAreRefusedNotInterleaved() throws Exception {
    Database d = db("twice.db");
    SqlDatasetStore store = new SqlDatasetStore(d);
    CountDownLatch writerHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Object> blocker =
        d.write(
            tx -> {
              writerHeld.countDown();
              await(release);
              return null;
            },
            false);
    assertThat(writerHeld.await(60, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(() -> store.save(dataset("x", 10, 1), null, false));
    // The first import is queued behind the held writer; wait until it has claimed the name.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> store.save(dataset("x", 12, 2), null, false))
                    .isInstanceOf(DatasetExistsException.class)
                    .hasMessageContaining("being imported right now"));
    release.countDown();
    d.await(blocker);
    first.get(60, TimeUnit.SECONDS);
    assertThat(store.find("x").orElseThrow().size()).isEqualTo(10);
  }

  private static long count(Database d, String sql) {
    return d.read(
        c -> {
          try (Statement s = c.createStatement();
              java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
