package dev.ktrdr.workers.remote;

import java.time.Duration;
import java.util.List;

/**
 * The backend's answer to a worker registering: the id to use from now on, its slots (one per unit
 * of capacity, as they appear among the workers), the lease (contact at least this often or be
 * lost), how long a poll may wait, which of the jobs it reported it keeps ({@code reclaimed}) and
 * which it must stop ({@code stop}: their research ended or another worker took them over).
 */
public record Registration(
    String workerId,
    List<String> slots,
    Duration lease,
    Duration pollWait,
    List<String> reclaimed,
    List<String> stop) {
  public Registration {
    slots = List.copyOf(slots);
    reclaimed = List.copyOf(reclaimed);
    stop = List.copyOf(stop);
  }
}
