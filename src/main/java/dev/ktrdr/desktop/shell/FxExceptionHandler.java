package dev.ktrdr.desktop.shell;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches what escapes an event handler on the FX thread: logs it with its stack trace and tells
 * the user in one sentence. One dialog at a time; a storm of errors is logged, not stacked.
 */
public final class FxExceptionHandler implements Thread.UncaughtExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FxExceptionHandler.class);
  private final Window owner;
  private boolean showing;
  private volatile Throwable last;

  public FxExceptionHandler(Window owner) {
    this.owner = owner;
  }

  /** Installs the handler on the FX thread; call on the FX thread. */
  public static FxExceptionHandler install(Window owner) {
    FxExceptionHandler h = new FxExceptionHandler(owner);
    Thread.currentThread().setUncaughtExceptionHandler(h);
    return h;
  }

  /** The last exception handled, for tests. */
  public Throwable last() {
    return last;
  }

  @Override
  public void uncaughtException(Thread t, Throwable e) {
    last = e;
    LOG.error("Unexpected error on {}", t.getName(), e);
    if (!Platform.isFxApplicationThread() || showing) {
      return;
    }
    showing = true;
    try {
      Alert alert = new Alert(Alert.AlertType.ERROR, describe(e), ButtonType.OK);
      alert.setTitle("ktrdr console");
      alert.setHeaderText("Something went wrong");
      if (owner != null && owner.isShowing()) {
        alert.initOwner(owner);
      }
      alert.getDialogPane().getStyleClass().add("error-dialog");
      alert.show(); // not showAndWait: an error inside an animation or layout pass cannot nest
      alert.setOnHidden(ev -> showing = false);
    } catch (RuntimeException dialogFailed) {
      showing = false;
      LOG.error("Could not show the error dialog", dialogFailed);
    }
  }

  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return msg + "\n\nThe console keeps running; details are in the log.";
  }
}
