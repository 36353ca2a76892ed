package dev.ktrdr.db;

import java.nio.file.Path;

/** Another ktrdr process already has this database open. */
public final class DatabaseLockedException extends DatabaseException {
  public DatabaseLockedException(Path path) {
    super(
        "Database "
            + path
            + " is in use by another ktrdr process (server or console). "
            + "Stop it first, or pass --db to use another file.");
  }
}
