package dev.ktrdr.workers.remote;

import java.util.List;

/** What one poll brings a remote worker: jobs to start and operations to stop. */
public record Assignment(List<RemoteJob> jobs, List<String> cancels) {
  public static final Assignment NOTHING = new Assignment(List.of(), List.of());

  public Assignment {
    jobs = List.copyOf(jobs);
    cancels = List.copyOf(cancels);
  }

  public boolean isEmpty() {
    return jobs.isEmpty() && cancels.isEmpty();
  }
}
