package dev.ktrdr.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * A PostgreSQL server to try {@code ktrdr serve --db postgresql://…} by hand, without installing
 * one: the same embedded binaries the tests use, on a fixed port, with an empty database {@code
 * ktrdr}, until Ctrl-C (its data goes with it).
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ktrdr.testing.DevPostgres [-Dexec.args=PORT]
 * </pre>
 */
public final class DevPostgres {
  private DevPostgres() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 55432;
    EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(port).start();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE ktrdr");
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    pg.close();
                  } catch (Exception ignored) {
                    // the JVM is going
                  } finally {
                    stop.countDown();
                  }
                }));
    System.out.println(
        "PostgreSQL ready: ktrdr serve --db postgresql://postgres@localhost:"
            + port
            + "/ktrdr   (Ctrl-C stops it and deletes its data)");
    System.out.flush();
    stop.await();
  }
}
