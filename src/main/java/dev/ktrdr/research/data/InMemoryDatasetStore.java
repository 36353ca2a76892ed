package dev.ktrdr.research.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link DatasetStore} in memory, for tests and for a process without a database. */
public final class InMemoryDatasetStore implements DatasetStore {
  private final ConcurrentSkipListMap<String, Dataset> datasets = new ConcurrentSkipListMap<>();

  @Override
  public void save(Dataset dataset, ImportReport report, boolean replace) {
    if (replace) {
      datasets.put(dataset.id(), dataset);
    } else if (datasets.putIfAbsent(dataset.id(), dataset) != null) {
      throw new DatasetExistsException(dataset.id());
    }
  }

  @Override
  public Optional<Dataset> find(String id) {
    return Optional.ofNullable(datasets.get(id));
  }

  @Override
  public List<DatasetSummary> list() {
    List<DatasetSummary> out = new ArrayList<>();
    for (Dataset d : datasets.values()) {
      out.add(d.summary());
    }
    return out;
  }

  @Override
  public boolean delete(String id) {
    return datasets.remove(id) != null;
  }
}
