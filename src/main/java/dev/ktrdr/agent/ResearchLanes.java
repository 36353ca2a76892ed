package dev.ktrdr.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One serial lane per research: a step and a cancel of the same research run one after the other,
 * while different researches never wait for each other. A lane exists only while someone holds or
 * waits for it (counted), so the map holds the researches being worked on right now, not all of
 * them.
 */
final class ResearchLanes {
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

  private static final class Lane {
    final ReentrantLock lock = new ReentrantLock(true);
    int users; // changed only inside the map's compute for this key
  }

  <T> T call(String researchId, Supplier<T> work) {
    Lane lane =
        lanes.compute(
            researchId,
            (id, l) -> {
              Lane x = l == null ? new Lane() : l;
              x.users++;
              return x;
            });
    lane.lock.lock();
    try {
      return work.get();
    } finally {
      lane.lock.unlock();
      lanes.compute(researchId, (id, l) -> --l.users == 0 ? null : l);
    }
  }

  void run(String researchId, Runnable work) {
    call(
        researchId,
        () -> {
          work.run();
          return null;
        });
  }

  /** Researches with a step or a cancel running or waiting (for diagnostics and tests). */
  int inUse() {
    return lanes.size();
  }
}
