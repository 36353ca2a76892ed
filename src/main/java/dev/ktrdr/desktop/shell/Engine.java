package dev.ktrdr.desktop.shell;

import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.DataService;
import dev.ktrdr.operations.OperationsService;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine the console works on: in this process, or a server it is connected to ({@link
 * ConsoleBackend}). It may arrive after the window: the database opens while the window is already
 * on screen, so parts of the console hold this and ask for the services when they need them. Before
 * that, a service call fails with "the engine is still starting", which the console shows in words
 * like any other refusal.
 */
public final class Engine {
  private volatile ConsoleBackend backend;
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
  public static Engine of(ConsoleBackend backend) {
    Engine e = new Engine();
    e.backend = backend;
    return e;
  }

  /** The engine in this process, ready, without datasets. */
  public static Engine of(AgentService agent, OperationsService ops) {
    return of(agent, ops, null);
  }

  /** The engine in this process, ready, with its datasets (the trigger bar's picker, Import). */
  public static Engine of(AgentService agent, OperationsService ops, DataService data) {
    return of(new LocalBackend(agent, ops, data));
  }

  /** An engine still opening; {@link #attach} completes it. */
  public static Engine starting() {
    return new Engine();
  }

  /** The engine is open; runs what waited for it. Call on the UI thread. */
  public void attach(ConsoleBackend opened) {
    this.backend = opened;
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
    return backend != null;
  }

  /**
   * @throws StartingException while the engine is still starting
   */
  public ConsoleBackend backend() {
    ConsoleBackend b = backend;
    if (b == null) {
      throw new StartingException();
    }
    return b;
  }
}
