package dev.ktrdr.workers.remote;

import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.workers.WorkerType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backend as a worker process sees it: the HTTP API in the product ({@code ktrdr worker}),
 * {@link RemoteWorkers} itself in tests that need no network. An {@link IOException} means the
 * backend could not be reached (it may be restarting): the worker keeps its jobs and tries again.
 */
public interface Backend {
  /** Registers, reporting the jobs still running (their results not yet taken). */
  Registration register(String workerId, WorkerType type, int capacity, List<String> running)
      throws IOException;

  /**
   * Waits for jobs and cancels, saying what this worker runs (so that a job whose reply was lost is
   * sent again).
   *
   * @throws UnknownWorkerException when the backend no longer knows this worker
   */
  Assignment poll(String workerId, List<String> running) throws IOException;

  /** False when the job is no longer wanted. */
  boolean progress(String workerId, String operationId, double percent, String step)
      throws IOException;

  /** A job's result ({@code error} null) or failure; refused when the job is no longer wanted. */
  Outcome finish(String workerId, String operationId, Map<String, Object> result, String error)
      throws IOException;

  /** A dataset this worker does not bundle (an imported one). */
  Optional<Dataset> dataset(String id) throws IOException;
}
