package dev.ktrdr.workers.remote;

import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.data.DatasetStore;
import dev.ktrdr.research.data.DatasetStoreException;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.data.ImportReport;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The datasets a worker process reads from its backend: the bundled ones it has in its jar, the
 * imported ones fetched once from {@code GET /data/{id}/bars} and kept (a few, least recently used
 * out first). Read-only.
 */
final class BackendDatasets implements DatasetStore {
  private static final int KEEP = 4;

  private final Backend backend;
  private final Map<String, Dataset> kept = new LinkedHashMap<>(8, 0.75f, true);

  BackendDatasets(Backend backend) {
    this.backend = backend;
  }

  @Override
  public Optional<Dataset> find(String id) {
    synchronized (kept) {
      Dataset d = kept.get(id);
      if (d != null) {
        return Optional.of(d);
      }
    }
    Optional<Dataset> fetched;
    try {
      fetched = backend.dataset(id);
    } catch (IOException e) {
      throw new DatasetStoreException(
          "could not read dataset " + id + " from the backend: " + e.getMessage(), e);
    }
    fetched.ifPresent(
        d -> {
          synchronized (kept) {
            kept.put(id, d);
            if (kept.size() > KEEP) {
              kept.remove(kept.keySet().iterator().next());
            }
          }
        });
    return fetched;
  }

  @Override
  public List<DatasetSummary> list() {
    return List.of(); // a worker is told which dataset to read; it never lists them
  }

  @Override
  public void save(Dataset dataset, ImportReport report, boolean replace) {
    throw new UnsupportedOperationException("a worker process imports nothing");
  }

  @Override
  public boolean delete(String id) {
    throw new UnsupportedOperationException("a worker process deletes nothing");
  }
}
