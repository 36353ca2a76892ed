package dev.ktrdr.workers.remote;

/**
 * A request names a worker the backend does not know: the backend restarted, or the worker was lost
 * (its lease ran out). The worker registers again, reporting the jobs it still runs.
 */
public final class UnknownWorkerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownWorkerException(String workerId) {
    super(
        "Unknown worker "
            + workerId
            + ": the backend restarted or lost it; register again with the jobs it runs");
  }
}
