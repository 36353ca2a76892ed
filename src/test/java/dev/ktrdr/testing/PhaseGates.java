package dev.ktrdr.testing;

import dev.ktrdr.agent.ResearchParams;
import dev.ktrdr.agent.inprocess.AssessmentAgent;
import dev.ktrdr.agent.inprocess.DesignAgent;
import dev.ktrdr.agent.inprocess.InProcessWork;
import dev.ktrdr.agent.inprocess.StubAssessmentAgent;
import dev.ktrdr.agent.inprocess.StubDesignAgent;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.operations.Phase;
import dev.ktrdr.workers.Worker;
import dev.ktrdr.workers.WorkerFactory;
import dev.ktrdr.workers.WorkerType;
import dev.ktrdr.workers.stub.FaultInjection;
import dev.ktrdr.workers.stub.StubResults;
import dev.ktrdr.workers.stub.StubTiming;
import dev.ktrdr.workers.stub.StubWorker;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Phases held open by the test's own hand. A test that acts on a running phase (cancels it, reads
 * the status while it runs, checks capacity) says which phase of which research holds; that phase
 * starts as usual (its child operation is {@code running}, its worker busy, its task tracked) and
 * then waits at a gate until the test releases it or it is cancelled. Nothing races the phase's
 * end, however slow the machine. The gate also tells the test that the held work saw its cancel and
 * exited.
 *
 * <pre>
 * PhaseGates gates = new PhaseGates().hold("B", Phase.TRAINING);
 * try (TestEngine e = TestEngine.start(db, TestEngine.instantSettings(), gates)) {
 *   String b = e.trigger("B");
 *   PhaseGates.Gate training = gates.awaitHeld("B", Phase.TRAINING);
 *   e.agent().cancel(b);
 *   assertThat(training.awaitExit()).isTrue();
 *   assertThat(training.sawCancel()).isTrue();
 * }
 * </pre>
 *
 * <p>A research is known here by its brief, because the in-process agents are given the brief, not
 * the research id: give each held research a brief of its own (a second research arriving at a gate
 * that is taken fails its phase, and {@link #awaitHeld} says why). Phases that are not held run the
 * real stubs (design, assessment, workers) with the engine's stub delay, usually zero.
 */
public final class PhaseGates {
  /** How often a held phase also looks at its "cancelled" flag, besides its interrupt. */
  private static final long SLICE_MILLIS = 20;

  private final Set<Phase> heldForEveryone = ConcurrentHashMap.newKeySet();
  private final Set<Key> held = ConcurrentHashMap.newKeySet();
  private final Map<Key, Gate> gates = new ConcurrentHashMap<>();

  private record Key(String brief, Phase phase) {
    @Override
    public String toString() {
      return "'" + brief + "' " + phase.wire();
    }
  }

  /** The research with this brief waits in {@code phase} until released or cancelled. */
  public PhaseGates hold(String brief, Phase phase) {
    held.add(new Key(brief, phase));
    return this;
  }

  /** Every research waits in {@code phase} until the test releases it or cancels it. */
  public PhaseGates holdEvery(Phase phase) {
    heldForEveryone.add(phase);
    return this;
  }

  /** Lets the research with this brief go on from {@code phase}, now or when it gets there. */
  public void release(String brief, Phase phase) {
    gate(brief, phase).release();
  }

  /**
   * Waits until the research with this brief is held in {@code phase}: its child operation is
   * running and its work is blocked at the gate. Fails the test if it does not get there.
   */
  public Gate awaitHeld(String brief, Phase phase) {
    Gate g = gate(brief, phase);
    g.awaitArrived();
    return g;
  }

  /** The gate of one research's phase (made on first use, by the test or by the phase). */
  public Gate gate(String brief, Phase phase) {
    return gates.computeIfAbsent(new Key(brief, phase), Gate::new);
  }

  private boolean holds(String brief, Phase phase) {
    return heldForEveryone.contains(phase) || held.contains(new Key(brief, phase));
  }

  /** Stub design that waits at its gate first when held. */
  public DesignAgent designer(StubTiming timing) {
    StubDesignAgent stub = new StubDesignAgent(timing);
    return (brief, model) -> gated(brief, Phase.DESIGNING, stub.design(brief, model));
  }

  /** Stub assessment that waits at its gate first when held. */
  public AssessmentAgent assessor(StubTiming timing) {
    StubAssessmentAgent stub = new StubAssessmentAgent(timing);
    return (brief, model, training, backtest, rejection) ->
        gated(brief, Phase.ASSESSING, stub.assess(brief, model, training, backtest, rejection));
  }

  /** Stub workers whose held jobs start their operation, then wait at their gate. */
  public WorkerFactory workers(StubTiming timing) {
    return (id, type, ops, threads) ->
        new GatedWorker(new StubWorker(id, type, ops, timing, threads), ops, threads);
  }

  private InProcessWork gated(String brief, Phase phase, InProcessWork work) {
    if (!holds(brief, phase)) {
      return work;
    }
    Gate gate = gate(brief, phase);
    return (progress, cancelled) -> {
      gate.arrive();
      try {
        gate.await(cancelled);
        return work.run(progress, cancelled);
      } finally {
        gate.exited();
      }
    };
  }

  /** One research's phase at its gate, as the test sees it. */
  public static final class Gate {
    private final Key key;
    private final AtomicInteger arrivals = new AtomicInteger();
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch exited = new CountDownLatch(1);
    private volatile boolean sawCancel;

    private Gate(Key key) {
      this.key = key;
    }

    /** Lets the phase go on to its normal end (now, or as soon as it arrives). */
    public void release() {
      released.countDown();
    }

    /** True while the phase is waiting here: arrived, not released, not exited. */
    public boolean isHeld() {
      return arrived.getCount() == 0 && released.getCount() > 0 && exited.getCount() > 0;
    }

    /**
     * True once the held work was stopped by its cancel (interrupt or flag) instead of a release.
     */
    public boolean sawCancel() {
      return sawCancel;
    }

    /** Waits (generously) until the held work has returned, however it ended. */
    public boolean awaitExit() {
      return await(exited);
    }

    private void awaitArrived() {
      if (!await(arrived)) {
        throw new AssertionError("The phase " + key + " never reached its gate");
      }
      if (arrivals.get() > 1) {
        throw new AssertionError(
            "Two researches reached the gate " + key + ": give each held research its own brief");
      }
    }

    private void arrive() {
      if (arrivals.incrementAndGet() > 1) {
        throw new IllegalStateException(
            "The gate " + key + " is taken: give each held research its own brief");
      }
      arrived.countDown();
    }

    /** On the phase's thread: returns once released; throws once cancelled. */
    private void await(BooleanSupplier cancelled) throws InterruptedException {
      try {
        while (!released.await(SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
          if (cancelled.getAsBoolean()) {
            throw new InterruptedException("cancelled");
          }
        }
      } catch (InterruptedException e) {
        sawCancel = true;
        throw e;
      }
    }

    private void exited() {
      exited.countDown();
    }

    private static boolean await(CountDownLatch latch) {
      try {
        return latch.await(TestEngine.WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting at a gate", e);
      }
    }

    @Override
    public String toString() {
      return "gate " + key;
    }
  }

  /**
   * A stub worker whose held jobs it runs itself: start the operation, wait at the gate, then end
   * as the stub would (results that pass the gates, or the brief's injected fault). Jobs that are
   * not held go to the real stub.
   */
  private final class GatedWorker implements Worker {
    private final StubWorker stub;
    private final OperationsService ops;
    private final ExecutorService threads;
    private final Map<String, Future<?>> heldJobs = new ConcurrentHashMap<>();

    GatedWorker(StubWorker stub, OperationsService ops, ExecutorService threads) {
      this.stub = stub;
      this.ops = ops;
      this.threads = threads;
    }

    @Override
    public String id() {
      return stub.id();
    }

    @Override
    public WorkerType type() {
      return stub.type();
    }

    @Override
    public void start(Operation operation, Runnable onEnd) {
      String brief = operation.param(ResearchParams.BRIEF);
      Phase phase = type() == WorkerType.TRAINING ? Phase.TRAINING : Phase.BACKTESTING;
      if (!holds(brief, phase)) {
        stub.start(operation, onEnd);
        return;
      }
      Gate gate = gate(brief, phase);
      String opId = operation.operationId();
      FutureTask<Void> job =
          new FutureTask<>(
              () -> {
                boolean tookGate = false;
                try {
                  tookGate = runHeld(opId, brief, gate);
                } finally {
                  heldJobs.remove(opId);
                  onEnd.run();
                  if (tookGate) {
                    gate.exited();
                  }
                }
                return null;
              });
      heldJobs.put(opId, job); // before execute, as the stub does
      threads.execute(job);
    }

    @Override
    public void cancel(String operationId) {
      Future<?> job = heldJobs.remove(operationId);
      if (job != null) {
        job.cancel(true);
      } else {
        stub.cancel(operationId);
      }
    }

    /** Returns whether this job took the gate (and so must mark it exited). */
    private boolean runHeld(String opId, String brief, Gate gate) {
      if (!ops.start(opId).applied()) {
        return false; // cancelled before it began
      }
      try {
        gate.arrive();
      } catch (IllegalStateException taken) {
        ops.fail(opId, taken.getMessage());
        return false;
      }
      try {
        gate.await(() -> false); // a worker's cancel is an interrupt
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the canceller wrote the status
        return true;
      }
      FaultInjection.Stage stage =
          type() == WorkerType.TRAINING
              ? FaultInjection.Stage.TRAINING
              : FaultInjection.Stage.BACKTEST;
      if (FaultInjection.failsAt(brief, stage)) {
        ops.fail(opId, FaultInjection.message(stage));
        return true;
      }
      boolean failGate = FaultInjection.failsGate(brief, stage);
      ops.complete(
          opId,
          type() == WorkerType.TRAINING
              ? StubResults.training(opId, failGate)
              : StubResults.backtest(opId, failGate));
      return true;
    }
  }
}
