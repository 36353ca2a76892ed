package dev.ktrdr.desktop;

import dev.ktrdr.agent.AgentService;
import dev.ktrdr.agent.DataService;
import dev.ktrdr.desktop.connect.RemoteBackend;
import dev.ktrdr.desktop.shell.AppIcons;
import dev.ktrdr.desktop.shell.ConsoleBackend;
import dev.ktrdr.desktop.shell.Engine;
import dev.ktrdr.desktop.shell.FxExceptionHandler;
import dev.ktrdr.desktop.shell.FxTaskExecutor;
import dev.ktrdr.desktop.shell.LocalBackend;
import dev.ktrdr.desktop.shell.WindowState;
import dev.ktrdr.operations.OperationsService;
import dev.ktrdr.remote.OperationFeed;
import java.nio.file.Path;
import java.time.Clock;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The console's stage: builds the view on a view model connected to the engine's events, ticks
 * durations once a second, restores and saves the window state, and installs the FX exception
 * handler. Create and use on the FX thread.
 */
public final class ConsoleWindow {
  public static final String TITLE = "ktrdr console";
  public static final String STYLESHEET = "/dev/ktrdr/desktop/console.css";

  private final Stage stage;
  private final ConsoleViewModel vm;
  private final ConsoleView view;
  private final FxTaskExecutor executor;
  private final WindowState state;
  private final Timeline ticker;
  private final Timeline lanesTicker;
  private final EventCoalescer coalescer;
  private final FxExceptionHandler exceptions;
  private boolean closed;

  private ConsoleWindow(Stage stage, Engine engine, Path dbPath, Runnable onClosed) {
    this.stage = stage;
    this.executor = new FxTaskExecutor();
    this.vm = new ConsoleViewModel(engine, executor, Clock.systemUTC());
    this.view = new ConsoleView(vm);
    this.state = WindowState.beside(dbPath);

    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    double w = Math.min(state.getDouble("window.width", 1400), screen.getWidth());
    double h = Math.min(state.getDouble("window.height", 860), screen.getHeight());
    boolean showing = stage.isShowing();
    Scene scene = new Scene(view.root(), w, h);
    scene.getStylesheets().add(ConsoleWindow.class.getResource(STYLESHEET).toExternalForm());
    view.install(scene);
    view.restore(state);
    view.setOnQuit(this::close);
    stage.setTitle(TITLE);
    stage.getIcons().setAll(AppIcons.load());
    stage.setScene(scene);
    stage.setMinWidth(900);
    stage.setMinHeight(560);
    double x = state.getDouble("window.x", Double.NaN);
    double y = state.getDouble("window.y", Double.NaN);
    if (!showing && !Double.isNaN(x) && !Double.isNaN(y) && screen.contains(x + 40, y + 20)) {
      stage.setX(x);
      stage.setY(y);
    }
    if (!showing) {
      stage.setMaximized(state.getBoolean("window.maximized", false));
    }

    exceptions = FxExceptionHandler.install(stage);
    coalescer = vm.connect(Platform::runLater);
    vm.refresh();
    ticker =
        new Timeline(
            new KeyFrame(
                Duration.seconds(1),
                e -> {
                  vm.tick();
                  view.tick();
                }));
    ticker.setCycleCount(Animation.INDEFINITE);
    ticker.play();
    lanesTicker = new Timeline(new KeyFrame(Duration.millis(250), e -> view.refreshQuarter()));
    lanesTicker.setCycleCount(Animation.INDEFINITE);
    lanesTicker.play();
    stage.setOnHidden(
        e -> {
          shutDown();
          onClosed.run();
        });
  }

  /** Builds the window on {@code stage} and shows it. */
  public static ConsoleWindow open(
      Stage stage, AgentService agent, OperationsService ops, Path dbPath, Runnable onClosed) {
    ConsoleWindow w = new ConsoleWindow(stage, Engine.of(agent, ops), dbPath, onClosed);
    stage.show();
    return w;
  }

  /** Builds the window on {@code stage}, with the engine's datasets, and shows it. */
  public static ConsoleWindow open(
      Stage stage,
      AgentService agent,
      OperationsService ops,
      DataService data,
      Path dbPath,
      Runnable onClosed) {
    ConsoleWindow w = new ConsoleWindow(stage, Engine.of(agent, ops, data), dbPath, onClosed);
    stage.show();
    return w;
  }

  /**
   * Shows the console at once, before its engine has opened: the user can type a brief, use the
   * menus and the keys while the database opens; {@link #attach} then fills the table. Cold start:
   * the window does not wait for the database.
   */
  public static ConsoleWindow openStarting(Path dbPath, Runnable onClosed) {
    ConsoleWindow w = new ConsoleWindow(new Stage(), Engine.starting(), dbPath, onClosed);
    w.stage.show();
    return w;
  }

  /** The engine has opened: the console listens to it and loads every research. */
  public void attach(AgentService agent, OperationsService ops) {
    attach(agent, ops, null);
  }

  /**
   * The engine has opened, with its datasets: as {@link #attach(AgentService, OperationsService)}.
   */
  public void attach(AgentService agent, OperationsService ops, DataService data) {
    attach(new LocalBackend(agent, ops, data));
  }

  /** The engine has opened, here or on the server this console is connected to. */
  public void attach(ConsoleBackend backend) {
    if (!closed) { // closed before the database opened: nothing to show it in
      vm.attach(backend);
    }
  }

  /**
   * Opens the console on a server elsewhere ({@code ktrdr console --connect URL}): the title names
   * the server, the status line says when its event stream drops and comes back, and closing the
   * window stops nothing on the server. Call on the FX thread.
   */
  public static ConsoleWindow openConnected(
      RemoteBackend backend, Path statePath, Runnable onClosed) {
    ConsoleWindow w = new ConsoleWindow(new Stage(), Engine.starting(), statePath, onClosed);
    w.stage.setTitle(TITLE + " — " + backend.describe());
    w.stage.show();
    backend.onState(w::streamState);
    w.attach(backend);
    return w;
  }

  /** What a connected console's status line says of its event stream (called on any thread). */
  public void streamState(OperationFeed.State s, String detail) {
    String text =
        switch (s) {
          case CONNECTING -> null;
          case LIVE -> "Connected: live";
          case RECONNECTING ->
              "Connection lost, reconnecting…" + (detail == null ? "" : " (" + detail + ")");
          case REFUSED -> "The server refused this console" + (detail == null ? "" : ": " + detail);
          case CLOSED -> null;
        };
    if (text != null) {
      Platform.runLater(() -> vm.say(text));
    }
  }

  /** Runs {@code then} once, after the next frame is laid out (the window is on screen). */
  public void whenDrawn(Runnable then) {
    Scene scene = stage.getScene();
    Runnable[] once = new Runnable[1];
    once[0] =
        () -> {
          scene.removePostLayoutPulseListener(once[0]);
          then.run();
        };
    scene.addPostLayoutPulseListener(once[0]);
  }

  /** Builds the window on a new stage and shows it; call on the FX thread. */
  public static ConsoleWindow openNew(
      AgentService agent, OperationsService ops, Path dbPath, Runnable onClosed) {
    return open(new Stage(), agent, ops, dbPath, onClosed);
  }

  /** Saves the window state and closes the window (as Ctrl+Q does). */
  public void close() {
    stage.close(); // onHidden does the rest
  }

  private void shutDown() {
    if (closed) {
      return;
    }
    closed = true;
    saveState();
    ticker.stop();
    lanesTicker.stop();
    vm.disconnect();
    executor.close();
  }

  /** Writes size, column widths, splits and the filter beside the database. */
  public void saveState() {
    state.put("window.maximized", stage.isMaximized());
    if (!stage.isMaximized()) {
      state.put("window.width", stage.getWidth());
      state.put("window.height", stage.getHeight());
      state.put("window.x", stage.getX());
      state.put("window.y", stage.getY());
    }
    view.save(state);
    state.save();
  }

  public ConsoleViewModel viewModel() {
    return vm;
  }

  public ConsoleView view() {
    return view;
  }

  public Stage stage() {
    return stage;
  }

  public EventCoalescer coalescer() {
    return coalescer;
  }

  public FxExceptionHandler exceptionHandler() {
    return exceptions;
  }
}
