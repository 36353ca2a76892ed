package dev.ktrdr.bench;

import dev.ktrdr.config.EnvVar;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The jar under test as {@code ktrdr serve} in its own process, on a free port and a database in
 * the run's temporary folder, configured only by the environment the benchmark gives it (every
 * variable of {@link EnvVar} inherited from the caller is removed first, so a stray
 * STUB_WORKER_FAST cannot change the result). Its output goes to files beside the database.
 */
final class ServeProcess implements AutoCloseable {
  private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(180);

  private final Process process;
  private final int port;
  private final Path stderr;
  private final double readySeconds;

  private ServeProcess(Process process, int port, Path stderr, double readySeconds) {
    this.process = process;
    this.port = port;
    this.stderr = stderr;
    this.readySeconds = readySeconds;
  }

  /**
   * Starts the server and returns once {@code GET /api/v1/health} has answered 200; the time from
   * starting the process to that answer is {@link #readySeconds()}.
   */
  static ServeProcess start(Path jar, Path db, Map<String, String> env, String name)
      throws IOException, InterruptedException {
    return start(jar, List.of(), db, env, name);
  }

  /** The JVM options packaging/ktrdr starts with, given its class-data archive. */
  static List<String> archiveOptions(Path archive) {
    return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  /** As {@link #start(Path, Path, Map, String)}, the JVM started with {@code jvmOptions}. */
  static ServeProcess start(
      Path jar, List<String> jvmOptions, Path db, Map<String, String> env, String name)
      throws IOException, InterruptedException {
    int port = freePort();
    Path dir = db.getParent();
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    List<String> command = new java.util.ArrayList<>();
    command.add(javaBin());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "serve",
            "--port",
            Integer.toString(port),
            "--db",
            db.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
    for (EnvVar v : EnvVar.values()) {
      pb.environment().remove(v.name());
    }
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    Children.track(p);
    try (Api api = new Api("http://127.0.0.1:" + port)) {
      while (true) {
        if (!p.isAlive()) {
          throw new SetupException(
              "ktrdr serve exited with " + p.exitValue() + " before it was ready:\n" + tail(err));
        }
        if (System.nanoTime() - t0 > READY_TIMEOUT_NANOS) {
          p.destroyForcibly();
          throw new SetupException("ktrdr serve was not ready within 180 s:\n" + tail(err));
        }
        try {
          if (api.get("/api/v1/health").code() == 200) {
            break;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(10); // poll pacing while the server starts; the resolution is 10 ms
      }
    }
    double ready = (System.nanoTime() - t0) / 1e9;
    return new ServeProcess(p, port, err, ready);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  double readySeconds() {
    return readySeconds;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The last lines the server logged, for a failure message. */
  String stderrTail() {
    return tail(stderr);
  }

  /** SIGTERM (the clean shutdown path), then SIGKILL if it has not stopped within 60 s. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
    Children.untrack(process);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
