package dev.ktrdr.workers.local;

/** How a job reports how far it is: 0–100 with a short description. Called on the job's thread. */
@FunctionalInterface
public interface JobProgress {
  JobProgress NONE = (percent, step) -> {};

  void report(int percent, String step);
}
