package dev.ktrdr.desktop.shell;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking service calls off the UI thread and hands the outcome back on it. The console uses
 * {@link FxTaskExecutor}; view-model tests use {@link #sameThread()}.
 */
public interface TaskExecutor {
  /**
   * Runs {@code work} in the background, then exactly one of {@code onSuccess} or {@code onFailure}
   * on the UI thread. Never blocks the caller.
   */
  <T> void execute(
      Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

  /** Runs everything at once on the calling thread: for tests without a toolkit. */
  static TaskExecutor sameThread() {
    return new TaskExecutor() {
      @Override
      public <T> void execute(
          Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T result;
        try {
          result = work.call();
        } catch (Exception | Error e) {
          onFailure.accept(e);
          return;
        }
        onSuccess.accept(result);
      }
    };
  }
}
