package dev.ktrdr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ktrdr.agent.inprocess.DesignAgent;
import dev.ktrdr.agent.inprocess.StubAssessmentAgent;
import dev.ktrdr.agent.inprocess.StubDesignAgent;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationEvent;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.testing.TestEngine;
import dev.ktrdr.workers.stub.StubTiming;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interleavings of the coordinator with start-up recovery and with cancel, forced with latches. */
class EngineRaceTest {
  @TempDir Path dir;

  /**
   * The server accepts triggers before it resumes (ServeCommand starts the API first). A research
   * whose design child is created while start-up recovery runs must keep that child: recovery must
   * not take it for a stray child and fail it.
   */
  @Test
  void resumeDoesNotFailAChildTheCoordinatorCreatesMeanwhile() throws Exception {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings())) {
      CountDownLatch childCreated = new CountDownLatch(1);
      CountDownLatch letCoordinatorGo = new CountDownLatch(1);
      AtomicBoolean once = new AtomicBoolean();
      // Holds the coordinator inside its step (under the research guard), after the design
      // child is inserted and before the research records it.
      e.ops()
          .addListener(
              ev -> {
                if (ev.kind() == OperationEvent.Kind.CREATED
                    && ev.operationType() == OperationType.AGENT_DESIGN
                    && once.compareAndSet(false, true)) {
                  childCreated.countDown();
                  try {
                    letCoordinatorGo.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                  }
                }
              });
      String id = e.trigger("created during resume");
      assertThat(childCreated.await(30, TimeUnit.SECONDS)).isTrue();

      Thread resumer = new Thread(() -> e.agent().resumeIfNeeded(), "resumer");
      resumer.start();
      // Recovery is parked on the research guard (the only fair lock), behind the coordinator.
      await()
          .atMost(TestEngine.WAIT)
          .until(
              () ->
                  resumer.getState() == Thread.State.WAITING
                      && String.valueOf(LockSupport.getBlocker(resumer)).contains("FairSync"));
      letCoordinatorGo.countDown();
      resumer.join(TestEngine.WAIT.toMillis());

      await().atMost(TestEngine.WAIT).until(() -> !e.get(id).isActive());
      assertThat(e.get(id).errorMessage()).isNull();
      assertThat(e.status(id)).isEqualTo(OperationStatus.COMPLETED);
    }
  }

  /**
   * A task cancelled before its thread picks it up (cancel right after the coordinator started it)
   * never runs its body; it has still exited, so it is not reported as a straggler.
   */
  @Test
  void aTaskCancelledBeforeItRunsIsNotAStraggler() throws Exception {
    try (TestEngine e = TestEngine.start(dir.resolve("k.db"), TestEngine.instantSettings())) {
      List<Runnable> queued = new ArrayList<>();
      ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
      AtomicInteger reported = new AtomicInteger();
      try {
        ChildTasks tasks =
            new ChildTasks(queued::add, watchdog, 50, t -> reported.incrementAndGet());
        String research =
            e.ops().create(OperationType.AGENT_RESEARCH, null, Map.of()).operationId();
        String child = e.ops().create(OperationType.AGENT_DESIGN, research, Map.of()).operationId();
        PhaseTask task = new PhaseTask(research, child, (p, c) -> Map.of(), e.ops(), (id, r) -> {});
        // The watchdog's one thread is kept busy until the task thread has run, so the straggler
        // check (due 50 ms after the cancel) cannot run early however slow this machine is.
        CountDownLatch watchdogFree = new CountDownLatch(1);
        watchdog.execute(
            () -> {
              try {
                watchdogFree.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
              }
            });
        tasks.start(task);
        assertThat(tasks.cancel(research)).isTrue();
        // Due no earlier than the straggler check, and queued after it: it runs after the check.
        CountDownLatch checked = new CountDownLatch(1);
        watchdog.schedule(checked::countDown, 50, TimeUnit.MILLISECONDS);
        queued.forEach(Runnable::run); // the task thread gets to it only now
        watchdogFree.countDown();

        assertThat(task.hasExited()).isTrue();
        assertThat(checked.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(reported).hasValue(0);
        assertThat(tasks.stragglerCount()).isZero();
        assertThat(e.status(child)).isEqualTo(OperationStatus.PENDING); // never started
      } finally {
        watchdog.shutdownNow();
      }
    }
  }

  /**
   * An Error (not an exception) from a pluggable agent while the coordinator advances one research
   * fails that research only; the loop goes on with the others (SPEC §5).
   */
  @Test
  void anErrorWhileAdvancingOneResearchDoesNotStopTheLoop() {
    StubTiming timing = new StubTiming(Duration.ZERO);
    StubDesignAgent stub = new StubDesignAgent(timing);
    DesignAgent designer =
        (brief, model) -> {
          if (brief.contains("broken")) {
            throw new NoClassDefFoundError("com/example/LlmClient");
          }
          return stub.design(brief, model);
        };
    try (TestEngine e =
        TestEngine.start(
            dir.resolve("k.db"),
            TestEngine.instantSettings(),
            designer,
            new StubAssessmentAgent(timing))) {
      String broken = e.trigger("broken agent");
      String healthy = e.trigger("healthy");
      await()
          .atMost(TestEngine.WAIT)
          .until(() -> !e.get(broken).isActive() && !e.get(healthy).isActive());
      assertThat(e.status(broken)).isEqualTo(OperationStatus.FAILED);
      assertThat(e.get(broken).errorMessage()).contains("com/example/LlmClient");
      assertThat(e.ops().children(broken)).noneMatch(Operation::isActive);
      assertThat(e.status(healthy)).isEqualTo(OperationStatus.COMPLETED);
    }
  }

  /**
   * An Error thrown by an in-process phase fails its child, and so its research; it does not leave
   * the child running with no task, to be "recovered" as an orphan over and over.
   */
  @Test
  void anErrorInsideAnInProcessPhaseFailsTheResearch() {
    StubTiming timing = new StubTiming(Duration.ZERO);
    DesignAgent designer =
        (brief, model) ->
            (progress, cancelled) -> {
              throw new NoClassDefFoundError("com/example/LlmClient");
            };
    try (TestEngine e =
        TestEngine.start(
            dir.resolve("k.db"),
            TestEngine.instantSettings(),
            designer,
            new StubAssessmentAgent(timing))) {
      String id = e.trigger("design throws an Error");
      await().atMost(TestEngine.WAIT).until(() -> !e.get(id).isActive());
      assertThat(e.status(id)).isEqualTo(OperationStatus.FAILED);
      assertThat(e.get(id).errorMessage()).isEqualTo("Design failed: com/example/LlmClient");
      assertThat(e.ops().children(id)).hasSize(1).noneMatch(Operation::isActive);
    }
  }
}
