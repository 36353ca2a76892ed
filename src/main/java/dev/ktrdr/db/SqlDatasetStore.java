package dev.ktrdr.db;

import dev.ktrdr.research.data.Bar;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.data.DatasetExistsException;
import dev.ktrdr.research.data.DatasetStore;
import dev.ktrdr.research.data.DatasetStoreException;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.data.ImportReport;
import dev.ktrdr.research.data.JdbcDatasetStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imported datasets in the engine's own database (the tables of {@code V010__create_datasets.sql}),
 * written only through its one writer and read on its read pool, with the research library's SQL
 * ({@link JdbcDatasetStore}).
 *
 * <p>A new dataset is written as its row (marked incomplete), then its bars in slices of {@value
 * #SLICE}, one queued unit each, then the mark that it is complete: a large import never holds the
 * writer for long, so a cancel queued meanwhile waits for at most one slice, and readers never see
 * a dataset without all its bars (an incomplete one is neither found nor listed). What a failed or
 * interrupted import left is deleted when the store opens and before the same id is imported again.
 * Replacing a stored dataset is one unit (nothing in the console replaces; it is there for the
 * interface's contract).
 */
public final class SqlDatasetStore implements DatasetStore {
  private static final Logger log = LoggerFactory.getLogger(SqlDatasetStore.class);

  /** Bars per write unit: a few milliseconds of the writer's time. */
  static final int SLICE = 5_000;

  private final Database db;

  /** Ids being imported now: a second import of one of them is refused, not interleaved. */
  private final Set<String> importing = ConcurrentHashMap.newKeySet();

  /** Called after each committed slice with the bars written so far: a test seam. */
  private final IntConsumer afterSlice;

  public SqlDatasetStore(Database db) {
    this(db, written -> {});
  }

  SqlDatasetStore(Database db, IntConsumer afterSlice) {
    this.db = db;
    this.afterSlice = afterSlice;
    int orphans =
        db.writeAndWait(tx -> JdbcDatasetStore.deleteIncomplete(tx.connection(), null), false);
    if (orphans > 0) {
      log.info("Removed {} dataset(s) whose import was interrupted", orphans);
    }
  }

  @Override
  public void save(Dataset dataset, ImportReport report, boolean replace) {
    String id = dataset.id();
    if (!importing.add(id)) {
      throw DatasetExistsException.beingImported(id);
    }
    try {
      if (replace) {
        replace(dataset, report);
      } else {
        insertInSlices(dataset, report);
      }
    } finally {
      importing.remove(id);
    }
  }

  private void insertInSlices(Dataset dataset, ImportReport report) {
    String id = dataset.id();
    db.writeAndWait(
        tx -> {
          JdbcDatasetStore.deleteIncomplete(tx.connection(), id);
          if (JdbcDatasetStore.exists(tx.connection(), id)) {
            throw new DatasetExistsException(id);
          }
          JdbcDatasetStore.insertRow(tx.connection(), dataset.summary(), report, false);
          return null;
        },
        false);
    List<Bar> bars = dataset.bars();
    try {
      for (int from = 0; from < bars.size(); from += SLICE) {
        List<Bar> slice = bars.subList(from, Math.min(bars.size(), from + SLICE));
        db.writeAndWait(
            tx -> {
              JdbcDatasetStore.insertBars(tx.connection(), id, slice);
              return null;
            },
            false);
        afterSlice.accept(from + slice.size());
      }
      db.writeAndWait(tx -> JdbcDatasetStore.markComplete(tx.connection(), id), false);
    } catch (RuntimeException e) {
      removeIncomplete(id);
      throw storeFailure("save dataset " + id, e);
    }
    log.info("Dataset {} stored: {} bars", id, bars.size());
  }

  private void replace(Dataset dataset, ImportReport report) {
    String id = dataset.id();
    try {
      db.writeAndWait(
          tx -> {
            JdbcDatasetStore.deleteRows(tx.connection(), id);
            JdbcDatasetStore.insertRow(tx.connection(), dataset.summary(), report, true);
            JdbcDatasetStore.insertBars(tx.connection(), id, dataset.bars());
            return null;
          },
          false);
    } catch (RuntimeException e) {
      throw storeFailure("replace dataset " + id, e);
    }
  }

  private void removeIncomplete(String id) {
    try {
      db.writeAndWait(tx -> JdbcDatasetStore.deleteIncomplete(tx.connection(), id), false);
    } catch (RuntimeException again) {
      // The next start removes them; they are invisible meanwhile (the row is incomplete).
      log.warn("Could not remove the bars of the failed import of {}: {}", id, again.toString());
    }
  }

  @Override
  public Optional<Dataset> find(String id) {
    return db.read(c -> JdbcDatasetStore.find(c, id));
  }

  @Override
  public List<DatasetSummary> list() {
    return db.read(JdbcDatasetStore::list);
  }

  @Override
  public boolean delete(String id) {
    return db.writeAndWait(tx -> JdbcDatasetStore.deleteRows(tx.connection(), id) > 0, false);
  }

  private static RuntimeException storeFailure(String what, RuntimeException e) {
    if (e instanceof DatasetExistsException || e instanceof DatasetStoreException) {
      return e;
    }
    return new DatasetStoreException("cannot " + what + ": " + e.getMessage(), e);
  }
}
