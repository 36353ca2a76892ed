package dev.ktrdr.agent;

import dev.ktrdr.workers.WorkerType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Researches waiting for a worker, oldest first (SPEC §5: the oldest research gets the next free
 * worker). A research may take a free worker only when no older research waits for that type; a
 * worker coming free wakes the oldest waiting one.
 *
 * <p>"Oldest" is creation order: each research gets an ordinal when the engine first meets it (a
 * trigger assigns it inside its commit, start-up recovery in database order), so that two
 * researches created in the same millisecond still queue in the order they were created.
 */
final class WorkerQueue {
  private final AtomicLong next = new AtomicLong();
  private final Map<String, Long> ordinals = new ConcurrentHashMap<>();
  private final Map<WorkerType, ConcurrentSkipListMap<Long, String>> waiting =
      new EnumMap<>(WorkerType.class);

  WorkerQueue() {
    for (WorkerType t : WorkerType.values()) {
      waiting.put(t, new ConcurrentSkipListMap<>());
    }
  }

  /** The research's place in creation order, assigned on first sight. */
  long ordinal(String researchId) {
    return ordinals.computeIfAbsent(researchId, id -> next.incrementAndGet());
  }

  /** True when a research older than this one waits for {@code type}. */
  boolean olderWaiting(WorkerType type, String researchId) {
    ConcurrentSkipListMap<Long, String> q = waiting.get(type);
    return !q.isEmpty() && q.firstKey() < ordinal(researchId);
  }

  void await(WorkerType type, String researchId) {
    waiting.get(type).put(ordinal(researchId), researchId);
  }

  void served(WorkerType type, String researchId) {
    Long o = ordinals.get(researchId);
    if (o != null) {
      waiting.get(type).remove(o, researchId);
    }
  }

  /** The oldest research waiting for {@code type}. */
  Optional<String> head(WorkerType type) {
    Map.Entry<Long, String> e = waiting.get(type).firstEntry();
    return e == null ? Optional.empty() : Optional.of(e.getValue());
  }

  boolean isWaiting(String researchId) {
    Long o = ordinals.get(researchId);
    return o != null && waiting.values().stream().anyMatch(q -> q.containsKey(o));
  }

  /** The research has ended: it waits for nothing and needs no place any more. */
  void forget(String researchId) {
    Long o = ordinals.remove(researchId);
    if (o != null) {
      waiting.values().forEach(q -> q.remove(o, researchId));
    }
  }

  int size(WorkerType type) {
    return waiting.get(type).size();
  }
}
