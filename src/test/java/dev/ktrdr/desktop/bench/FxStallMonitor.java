package dev.ktrdr.desktop.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Watches the FX thread from inside: an animation timer runs on every pulse (60 a second when the
 * thread is free), and the gap between two pulses is how long the thread was kept from drawing. A
 * gap over 50 ms is a stall the user can see.
 */
final class FxStallMonitor {
  static final double STALL_MILLIS = 50;

  /** What one watch saw. */
  record Stalls(long pulses, double p50, double p99, double max, long over50) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d frames: gap p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d stalls over %.0f ms",
          pulses,
          p50,
          p99,
          max,
          over50,
          STALL_MILLIS);
    }
  }

  private final List<Long> gaps = Collections.synchronizedList(new ArrayList<>());
  private AnimationTimer timer;

  void start() throws Exception {
    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          timer =
              new AnimationTimer() {
                private long last = -1;

                @Override
                public void handle(long now) {
                  long t = System.nanoTime();
                  if (last > 0) {
                    gaps.add(t - last);
                  }
                  last = t;
                }
              };
          timer.start();
          started.complete(null);
        });
    started.get();
  }

  Stalls stop() throws Exception {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          timer.stop();
          stopped.complete(null);
        });
    stopped.get();
    List<Long> sorted;
    synchronized (gaps) {
      sorted = new ArrayList<>(gaps);
    }
    Collections.sort(sorted);
    long over = sorted.stream().filter(g -> g / 1e6 > STALL_MILLIS).count();
    return new Stalls(sorted.size(), pct(sorted, 0.5), pct(sorted, 0.99), pct(sorted, 1.0), over);
  }

  static double pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
    return sorted.get(Math.max(0, i)) / 1e6;
  }
}
