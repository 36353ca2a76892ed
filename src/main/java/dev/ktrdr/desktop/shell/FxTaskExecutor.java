package dev.ktrdr.desktop.shell;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Background work on a small pool of daemon threads; results reach the FX thread here only. */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
  private final ExecutorService pool;

  public FxTaskExecutor() {
    AtomicInteger n = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "ktrdr-console-bg-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public <T> void execute(
      Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
    pool.execute(
        () -> {
          try {
            T result = work.call();
            Platform.runLater(() -> onSuccess.accept(result));
          } catch (Exception | Error e) {
            Platform.runLater(() -> onFailure.accept(e));
          }
        });
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
