package dev.ktrdr.operations;

/**
 * Receives committed changes. Called on the thread that made the change, so implementations must
 * return quickly and never block (the desktop hands events to the FX thread in batches).
 */
@FunctionalInterface
public interface OperationListener {
  void onEvent(OperationEvent event);
}
