package dev.ktrdr.bench;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * What the figures are held against, measured in the same run on the same machine: one SQLite
 * commit with the product's pragmas, one keep-alive loopback HTTP round trip to a trivial endpoint
 * of a minimal server (Javalin, the product's own HTTP stack), the request rate 8 keep-alive
 * clients reach against that endpoint, and how long the jar takes to run {@code --version}.
 */
record Floors(
    double commitMillis,
    double httpMillis,
    double httpPerSecond,
    double versionSeconds,
    String jarVersion) {

  /** The least one acknowledged write request (a trigger, a cancel) can cost: HTTP + commit. */
  double writeRequestMillis() {
    return httpMillis + commitMillis;
  }

  /**
   * The trigger rate the floors allow with 8 clients: each trigger needs its share of the HTTP
   * throughput plus one commit (no group commit assumed, so a faster engine may beat it).
   */
  double triggersPerSecond() {
    return 1000.0 / (1000.0 / httpPerSecond + commitMillis);
  }

  static Floors measure(Path dir, Path jar, boolean quick) throws Exception {
    double commit = sqliteCommitMillis(dir.resolve("floor.db"), quick ? 500 : 2000);
    double[] http = http(quick);
    Path versionOut = dir.resolve("version.out");
    double version = versionSeconds(versionOut, jar, quick ? 1 : 3);
    String printed = Files.readAllLines(versionOut).stream().findFirst().orElse("?").trim();
    return new Floors(commit, http[0], http[1], version, printed);
  }

  /** Median time of an autocommitted single-row insert, WAL and synchronous=NORMAL. */
  static double sqliteCommitMillis(Path db, int rounds) throws SQLException {
    SQLiteConfig config = new SQLiteConfig(); // the same pragmas as db/Database
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(5000);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + db);
    List<Double> samples = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
      }
      String body = "x".repeat(400); // about one operation row
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (body) VALUES (?)")) {
        for (int i = 0; i < rounds + rounds / 4; i++) {
          long t0 = System.nanoTime();
          insert.setString(1, body + i);
          insert.executeUpdate();
          if (i >= rounds / 4) { // the first quarter warms up
            samples.add((System.nanoTime() - t0) / 1e6);
          }
        }
      }
    }
    return Stats.of(samples).p50();
  }

  /** [median round trip in ms, requests per second with 8 clients] against a trivial endpoint. */
  private static double[] http(boolean quick) throws Exception {
    Javalin app =
        Javalin.create(
            c -> {
              c.startup.showJavalinBanner = false;
              c.startup.showOldJavalinVersionWarning = false;
              c.routes.post("/ping", ctx -> ctx.contentType("application/json").result("{}"));
            });
    app.start("127.0.0.1", 0);
    try {
      String base = "http://127.0.0.1:" + app.port();
      List<Double> samples = new ArrayList<>();
      try (Api api = new Api(base)) {
        int rounds = quick ? 1000 : 3000;
        for (int i = 0; i < rounds * 2; i++) {
          long t0 = System.nanoTime();
          ping(api);
          if (i >= rounds) { // the first half warms up
            samples.add((System.nanoTime() - t0) / 1e6);
          }
        }
      }
      double seconds = quick ? 2 : 5;
      Load.run(base, 8, 8 * 50, Double.MAX_VALUE, Floors::ping); // warm every connection
      long done = Load.forSeconds(base, 8, seconds, Floors::ping);
      return new double[] {Stats.of(samples).p50(), done / seconds};
    } finally {
      app.stop();
    }
  }

  private static void ping(Api api) throws IOException {
    if (api.post("/ping", "{\"brief\":\"floor\"}").code() != 200) {
      throw new SetupException("the floor server did not answer 200");
    }
  }

  /** Median wall time of {@code java -jar JAR --version}: the JVM and the jar, nothing served. */
  private static double versionSeconds(Path out, Path jar, int runs)
      throws IOException, InterruptedException {
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Process p =
          new ProcessBuilder(ServeProcess.javaBin(), "-jar", jar.toString(), "--version")
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      Children.track(p);
      boolean ended = p.waitFor(60, TimeUnit.SECONDS);
      Children.untrack(p);
      if (!ended || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new SetupException("java -jar " + jar + " --version failed");
      }
      samples.add((System.nanoTime() - t0) / 1e9);
    }
    return Stats.of(samples).p50();
  }
}
