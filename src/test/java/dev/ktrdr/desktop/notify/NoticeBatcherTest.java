package dev.ktrdr.desktop.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeBatcherTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private final List<Notice> shown = new ArrayList<>();
  private final NoticeBatcher batcher = new NoticeBatcher(shown::add);

  private static Notice ended(String title, Notice.Level level, int n) {
    return new Notice(level, "op_agent_research_x_" + n, title, "research " + n, true);
  }

  @Test
  void aBurstOfEndedResearchesIsOnePopUpPerPeriod() {
    batcher.offer(ended("Research completed", Notice.Level.INFO, 0), T0);
    assertThat(shown).hasSize(1); // the first after a quiet spell shows at once
    for (int i = 1; i <= 136; i++) {
      batcher.offer(
          ended(
              i % 10 == 0 ? "Research failed" : "Research completed",
              i % 10 == 0 ? Notice.Level.ERROR : Notice.Level.INFO,
              i),
          T0.plusMillis(10L * i));
    }
    assertThat(shown).hasSize(1);
    batcher.tick(T0.plus(NoticeBatcher.PERIOD));
    assertThat(shown).hasSize(2);
    Notice summary = shown.get(1);
    assertThat(summary.title()).isEqualTo("136 researches ended");
    assertThat(summary.text()).startsWith("123 completed · 13 failed");
    assertThat(summary.text()).contains("Failed: 10, 20, 30 and 10 more");
    assertThat(summary.level()).isEqualTo(Notice.Level.ERROR);
    batcher.tick(T0.plus(NoticeBatcher.PERIOD).plusSeconds(1));
    assertThat(shown).hasSize(2);
  }

  @Test
  void theAnswerToTheUsersOwnActionIsNeverHeldBack() {
    batcher.offer(ended("Research completed", Notice.Level.INFO, 0), T0);
    batcher.offer(ended("Research completed", Notice.Level.INFO, 1), T0);
    batcher.offer(new Notice(Notice.Level.WARNING, "x", "Cancel refused", "it ended"), T0);
    assertThat(shown)
        .extracting(Notice::title)
        .containsExactly("Research completed", "Cancel refused");
  }
}
