package dev.ktrdr.db;

import java.nio.file.Path;

/** Another ktrdr process (server or console) already uses this database. */
public final class DatabaseLockedException extends DatabaseException {
  public DatabaseLockedException(Path path) {
    super(
        "Database "
            + path
            + " is in use by another ktrdr process (server or console). "
            + "Stop it first, or pass --db to use another file.");
  }

  /** A PostgreSQL database held by another backend; {@code holder} says who, when known. */
  DatabaseLockedException(String database, String holder) {
    super(
        "another ktrdr backend is using this database ("
            + database
            + (holder == null ? "" : "; " + holder)
            + "). The engine is the single writer, so one backend per database: stop that one"
            + " first, or pass --db to use another database.");
  }
}
