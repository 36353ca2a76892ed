package dev.ktrdr.research.data;

import java.util.List;
import java.util.Optional;

/**
 * Where imported datasets are kept. Implementations are safe for use from several threads; a save
 * is all or nothing.
 */
public interface DatasetStore {
  /**
   * Stores {@code dataset} with its import report.
   *
   * @throws DatasetExistsException if a dataset with that id is stored and {@code replace} is false
   */
  void save(Dataset dataset, ImportReport report, boolean replace);

  /** The dataset {@code id} with all its bars, if stored. */
  Optional<Dataset> find(String id);

  /** Summaries of all stored datasets, by id. */
  List<DatasetSummary> list();

  /** Removes dataset {@code id}; false if there was none. */
  boolean delete(String id);
}
