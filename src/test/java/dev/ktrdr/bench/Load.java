package dev.ktrdr.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load: {@code clients} threads, each with its own keep-alive connection, each sending
 * its next request as soon as the previous reply is in.
 */
final class Load {
  private Load() {}

  /** One request (or a few) on a client's connection; throwing stops the whole load. */
  @FunctionalInterface
  interface Action {
    void run(Api api) throws Exception;
  }

  /** How much was done and in how long. */
  record Result(int done, double seconds) {
    double perSecond() {
      return seconds == 0 ? 0 : done / seconds;
    }
  }

  /**
   * Runs {@code count} actions shared among the clients, stopping early once {@code capSeconds}
   * have passed (requests in flight finish). The time runs from the first send to the last reply,
   * every client already connected (a small count, a ramp to 100, would otherwise mostly time the
   * eight connections being opened).
   */
  static Result run(String base, int clients, int count, double capSeconds, Action action)
      throws Exception {
    AtomicInteger left = new AtomicInteger(count);
    AtomicInteger done = new AtomicInteger();
    AtomicLong t0 = new AtomicLong();
    AtomicLong deadline = new AtomicLong();
    runClients(
        base,
        clients,
        () -> {
          t0.set(System.nanoTime());
          deadline.set(t0.get() + (long) Math.min(capSeconds * 1e9, Long.MAX_VALUE / 2));
        },
        api -> {
          while (System.nanoTime() < deadline.get() && left.getAndDecrement() > 0) {
            action.run(api);
            done.incrementAndGet();
          }
        });
    return new Result(done.get(), (System.nanoTime() - t0.get()) / 1e9);
  }

  /** Sends requests for {@code seconds} and returns how many were answered. */
  static long forSeconds(String base, int clients, double seconds, Action action) throws Exception {
    AtomicLong done = new AtomicLong();
    AtomicLong end = new AtomicLong();
    runClients(
        base,
        clients,
        () -> end.set(System.nanoTime() + (long) (seconds * 1e9)),
        api -> {
          while (System.nanoTime() < end.get()) {
            action.run(api);
            done.incrementAndGet();
          }
        });
    return done.get();
  }

  /**
   * Each client opens its keep-alive connection (one {@code GET /health}); once all have, {@code
   * start} runs (the clock starts) and every client runs {@code loop}.
   */
  private static void runClients(String base, int clients, Runnable start, Action loop)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch connected = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        futures.add(
            pool.submit(
                () -> {
                  try (Api api = new Api(base)) {
                    try {
                      api.get("/api/v1/health");
                    } finally {
                      connected.countDown();
                    }
                    go.await();
                    loop.run(api);
                  }
                  return null;
                }));
      }
      connected.await();
      start.run();
      go.countDown();
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          throw cause instanceof Exception ? (Exception) cause : new RuntimeException(cause);
        }
      }
    } finally {
      go.countDown();
      pool.shutdownNow();
    }
  }
}
