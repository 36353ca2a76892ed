package dev.ktrdr.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real jar as a process: {@code ktrdr serve} and CLI invocations, as a user runs them. */
final class KtrdrProcess {
  /** Generous: a bound only decides how long a broken test takes to fail, never a passing one. */
  static final Duration WAIT = Duration.ofSeconds(120);

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private KtrdrProcess() {}

  static Path jar() {
    String jar = System.getProperty("ktrdr.jar", "target/ktrdr.jar");
    Path p = Path.of(jar);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("Build the jar first (mvn package): " + p);
    }
    return p;
  }

  /**
   * A running {@code ktrdr serve} on a port the system picked (no free-port race with other
   * processes); its stdout and stderr go to files in {@code dir}.
   */
  static final class Server implements AutoCloseable {
    private static final Pattern LISTENING =
        Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    final Process process;
    final Path stdout;
    final Path stderr;
    volatile int port; // known once the launch line is out

    private Server(Process process, Path stdout, Path stderr) {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    static Server start(Path dir, Path db, Map<String, String> env, String name)
        throws IOException {
      return start(dir, db, env, name, 0);
    }

    /** As {@link #start(Path, Path, Map, String)} on {@code port} (0: one the system picks). */
    static Server start(Path dir, Path db, Map<String, String> env, String name, int port)
        throws IOException {
      return start(dir, db.toString(), env, name, port);
    }

    /**
     * A backend on {@code db}: a SQLite file or a {@code postgresql://} URL, on {@code port} (0:
     * one the system picks).
     */
    static Server start(Path dir, String db, Map<String, String> env, String name, int port)
        throws IOException {
      Path out = dir.resolve(name + ".out");
      Path err = dir.resolve(name + ".err");
      ProcessBuilder pb =
          new ProcessBuilder(
                  javaBin(),
                  "-jar",
                  jar().toString(),
                  "serve",
                  "--port",
                  Integer.toString(port),
                  "--db",
                  db)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      // Quick stubs: a test that acts on a running phase holds it with INJECT_HOLD in the brief.
      // Real research (the product's default) only where a test asks for USE_STUB_WORKERS=false,
      // and never with the developer's model key: tests do not call the model service.
      pb.environment().put("USE_STUB_WORKERS", "true");
      pb.environment().remove("ANTHROPIC_API_KEY");
      pb.environment().remove("ANTHROPIC_BASE_URL");
      pb.environment().put("STUB_WORKER_DELAY", "0.2");
      pb.environment().put("AGENT_POLL_INTERVAL", "0.1");
      pb.environment().putAll(env);
      Server s = new Server(pb.start(), out, err);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                if (!s.process.isAlive()) {
                  throw new IllegalStateException(
                      "serve exited " + s.process.exitValue() + ": " + Files.readString(err));
                }
                Matcher m = LISTENING.matcher(Files.readString(out));
                if (m.find()) {
                  s.port = Integer.parseInt(m.group(1));
                  return true;
                }
                return false;
              });
      return s;
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }

    /** Stops the server (SIGTERM) and waits for it. */
    void stop() throws InterruptedException {
      close();
    }

    JsonNode get(String path) throws Exception {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url() + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return MAPPER.readTree(r.body());
    }

    JsonNode operation(String id) throws Exception {
      return get("/api/v1/operations/" + id).get("data");
    }

    String status(String id) throws Exception {
      return operation(id).get("status").asText();
    }

    String phase(String id) throws Exception {
      return operation(id).path("metadata").path("parameters").path("phase").asText();
    }

    String param(String id, String name) throws Exception {
      return operation(id).path("metadata").path("parameters").path(name).asText();
    }

    List<String> stderrLines() throws IOException {
      return Files.readAllLines(stderr, StandardCharsets.UTF_8);
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        process.destroy(); // SIGTERM: the clean shutdown path
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }

  /**
   * A running {@code ktrdr worker} (stub phases) for the backend at {@code url}; its output goes to
   * files in {@code dir}. An {@code INJECT_HOLD} phase of research R also ends once the file {@code
   * releaseDir/R} exists.
   */
  static final class WorkerProcess implements AutoCloseable {
    final Process process;
    final Path stdout;
    final Path stderr;

    private WorkerProcess(Process process, Path stdout, Path stderr) {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    static WorkerProcess start(
        Path dir, String url, String name, String type, int capacity, Path releaseDir)
        throws IOException {
      Path out = dir.resolve(name + ".out");
      Path err = dir.resolve(name + ".err");
      ProcessBuilder pb =
          new ProcessBuilder(
                  javaBin(),
                  "-jar",
                  jar().toString(),
                  "worker",
                  "--type",
                  type,
                  "--capacity",
                  Integer.toString(capacity),
                  "--backend",
                  url,
                  "--name",
                  name,
                  "--hold-release-dir",
                  releaseDir.toString())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().put("USE_STUB_WORKERS", "true");
      pb.environment().put("STUB_WORKER_DELAY", "0.2");
      pb.environment().remove("ANTHROPIC_API_KEY");
      WorkerProcess w = new WorkerProcess(pb.start(), out, err);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                if (!w.process.isAlive()) {
                  throw new IllegalStateException(
                      "worker exited " + w.process.exitValue() + ": " + Files.readString(err));
                }
                return Files.readString(out).contains("registered with");
              });
      return w;
    }

    /** Everything it logged so far. */
    String log() throws IOException {
      return Files.readString(stdout) + Files.readString(stderr);
    }

    /** SIGKILL: no shutdown hook runs, nothing more is sent to the backend. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }

  /** A finished CLI run. */
  record Cli(int code, String out, String err) {
    String triggeredId() {
      String prefix = "Research triggered: ";
      if (code != 0 || !out.startsWith(prefix)) {
        throw new AssertionError("trigger failed (" + code + "): " + out + err);
      }
      return out.trim().substring(prefix.length());
    }
  }

  /** Runs {@code ktrdr args...} with {@code KTRDR_API_URL} pointing at {@code url}. */
  static Cli cli(String url, String... args) throws IOException, InterruptedException {
    return cliWithEnv(Map.of(), url, args);
  }

  /** As {@link #cli(String, String...)}, with these environment variables besides. */
  static Cli cliWithEnv(Map<String, String> env, String url, String... args)
      throws IOException, InterruptedException {
    // C1 only: a short-lived CLI JVM starts faster, which matters on a 2-core build machine.
    List<String> cmd =
        new ArrayList<>(List.of(javaBin(), "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (url != null) {
      pb.environment().put("KTRDR_API_URL", url);
    }
    pb.environment().putAll(env);
    Path out = Files.createTempFile("ktrdr-cli", ".out");
    Path err = Files.createTempFile("ktrdr-cli", ".err");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("CLI did not finish: " + cmd);
      }
      return new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
