package dev.ktrdr.desktop.shell;

import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.DataService;
import dev.ktrdr.operations.OperationsService;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine the console works on. It may arrive after the window: the database opens while the
 * window is already on screen, so parts of the console hold this and ask for the services when they
 * need them. Before that, a service call fails with "the engine is still starting", which the
 * console shows in words like any other refusal.
 */
public final class Engine {
  private volatile AgentService agent;
  private volatile OperationsService ops;
  private volatile DataService data;
  private final List<Runnable> onReady = new ArrayList<>();

  /** What a service call before the engine opened gets. */
  public static final class StartingException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    StartingException() {
      super("the engine is still starting");
    }
  }

  private Engine() {}

  /** An engine that is ready. */
  public static Engine of(AgentService agent, OperationsService ops) {
    Engine e = new Engine();
    e.agent = agent;
    e.ops = ops;
    return e;
  }

  /** An engine that is ready, with its datasets (the trigger bar's picker, File → Import). */
  public static Engine of(AgentService agent, OperationsService ops, DataService data) {
    Engine e = of(agent, ops);
    e.data = data;
    return e;
  }

  /** An engine still opening; {@link #attach} completes it. */
  public static Engine starting() {
    return new Engine();
  }

  /** The engine is open; runs what waited for it. Call on the UI thread. */
  public void attach(AgentService agent, OperationsService ops) {
    attach(agent, ops, null);
  }

  /** The engine is open, with its datasets; runs what waited for it. Call on the UI thread. */
  public void attach(AgentService agent, OperationsService ops, DataService data) {
    this.data = data;
    this.agent = agent;
    this.ops = ops;
    List<Runnable> waiting = List.copyOf(onReady);
    onReady.clear();
    waiting.forEach(Runnable::run);
  }

  /** Runs {@code r} now if the engine is open, else when it is (on the UI thread). */
  public void whenReady(Runnable r) {
    if (ready()) {
      r.run();
    } else {
      onReady.add(r);
    }
  }

  public boolean ready() {
    return agent != null;
  }

  /**
   * @throws StartingException while the engine is still starting
   */
  public AgentService agent() {
    AgentService a = agent;
    if (a == null) {
      throw new StartingException();
    }
    return a;
  }

  /**
   * @throws StartingException while the engine is still starting
   */
  public OperationsService ops() {
    OperationsService o = ops;
    if (o == null) {
      throw new StartingException();
    }
    return o;
  }

  /**
   * @throws StartingException while the engine is still starting
   * @throws IllegalStateException when this console was opened without datasets
   */
  public DataService data() {
    AgentService a = agent;
    if (a == null) {
      throw new StartingException();
    }
    DataService d = data;
    if (d == null) {
      throw new IllegalStateException("this console has no datasets");
    }
    return d;
  }
}
