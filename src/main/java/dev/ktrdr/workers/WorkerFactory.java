package dev.ktrdr.workers;

import dev.ktrdr.operations.OperationsService;
import java.util.concurrent.ExecutorService;

/**
 * Makes the workers an engine registers: stub workers in the product, workers whose phases the test
 * holds open in tests. The engine decides how many of each type there are.
 */
@FunctionalInterface
public interface WorkerFactory {
  /**
   * A worker named {@code id} of {@code type} that reports through {@code ops} and runs its jobs on
   * {@code threads}, which the engine shuts down (interrupting them) when it closes.
   */
  Worker create(String id, WorkerType type, OperationsService ops, ExecutorService threads);
}
