package dev.ktrdr.desktop.notify;

import dev.ktrdr.desktop.DisplayFormats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Turns a stream of notices into at most one pop-up per {@link #PERIOD} for researches that ended:
 * the first after a quiet spell shows at once, later ones are summed up ("12 researches ended: 9
 * completed · 2 failed · 1 cancelled") when the period is over. Answers to the user's own actions
 * pass straight through. Plain Java: the window ticks it once a second.
 */
public final class NoticeBatcher {
  public static final Duration PERIOD = Duration.ofSeconds(4);

  private final Consumer<Notice> sink;
  private final List<Notice> batch = new ArrayList<>();
  private Instant lastShown = Instant.EPOCH;

  public NoticeBatcher(Consumer<Notice> sink) {
    this.sink = sink;
  }

  public void offer(Notice n, Instant now) {
    if (!n.batched()) {
      sink.accept(n);
      return;
    }
    batch.add(n);
    tick(now);
  }

  /** Shows what waited, once the period since the last pop-up is over. */
  public void tick(Instant now) {
    if (batch.isEmpty() || Duration.between(lastShown, now).compareTo(PERIOD) < 0) {
      return;
    }
    lastShown = now;
    Notice out = batch.size() == 1 ? batch.get(0) : summary(batch);
    batch.clear();
    sink.accept(out);
  }

  /** How many notices wait for the next pop-up. */
  public int waiting() {
    return batch.size();
  }

  static Notice summary(List<Notice> notices) {
    Map<String, Integer> byTitle = new LinkedHashMap<>();
    Notice.Level worst = Notice.Level.INFO;
    List<String> failed = new ArrayList<>();
    for (Notice n : notices) {
      byTitle.merge(n.title(), 1, Integer::sum);
      if (n.level().compareTo(worst) > 0) {
        worst = n.level();
      }
      if (n.level() == Notice.Level.ERROR && n.operationId() != null) {
        failed.add(DisplayFormats.shortId(n.operationId()));
      }
    }
    String counts =
        byTitle.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().replace("Research ", "").toLowerCase())
            .collect(Collectors.joining(" · "));
    String names =
        failed.isEmpty()
            ? ""
            : "\nFailed: "
                + failed.stream().limit(3).collect(Collectors.joining(", "))
                + (failed.size() > 3 ? " and " + (failed.size() - 3) + " more" : "");
    return new Notice(worst, null, notices.size() + " researches ended", counts + names, false);
  }
}
