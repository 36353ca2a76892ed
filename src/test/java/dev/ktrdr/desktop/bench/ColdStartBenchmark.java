package dev.ktrdr.desktop.bench;

import dev.ktrdr.app.FxToolkit;
import dev.ktrdr.operations.OperationType;
import dev.ktrdr.testing.TestEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark, not a test: starts {@code java -jar target/ktrdr.jar console} several times and reads
 * how long the window took to be usable and the engine to open, from the console's own log lines
 * ("Window interactive X s after launch", "Engine ready Y s after launch"). The first run warms the
 * file cache; the rest are the warm numbers. Uses $DISPLAY (e.g. Xvfb) if set, else headless
 * Monocle. Run after {@code mvn -q -DskipTests package}:
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.ktrdr.desktop.bench.ColdStartBenchmark -Dexec.args="6 1000"
 * </pre>
 *
 * Arguments: runs (default 6), researches already in the database (default 0).
 */
public final class ColdStartBenchmark {
  private static final Pattern WINDOW =
      Pattern.compile("Window interactive ([0-9.]+) s after launch");
  private static final Pattern ENGINE = Pattern.compile("Engine ready ([0-9.]+) s after launch");

  private ColdStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int researches = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    Path jar = Path.of("target", "ktrdr.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("Build the jar first: mvn -q -DskipTests package");
    }
    Path dir = Files.createTempDirectory("ktrdr-coldstart");
    Path db = dir.resolve("cold.db");
    if (researches > 0) {
      FxToolkit.useHeadlessPlatform();
      try (TestEngine e = TestEngine.start(db, TestEngine.fastSettings(Duration.ofSeconds(30)))) {
        for (int i = 0; i < researches; i++) {
          e.ops().create(OperationType.AGENT_RESEARCH, null, Map.of("brief", "cold " + i));
        }
      }
    }
    List<double[]> warm = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      double[] t = once(jar, db);
      System.out.printf(
          Locale.ROOT,
          "run %d%s: window interactive %.2f s, engine ready %.2f s%n",
          run + 1,
          run == 0 ? " (cold cache)" : "",
          t[0],
          t[1]);
      if (run > 0) {
        warm.add(t);
      }
    }
    if (!warm.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "ColdStartBenchmark: %d warm runs, %d researches in the database: window interactive"
              + " median %.2f s (max %.2f s), engine ready median %.2f s%n",
          warm.size(),
          researches,
          median(warm, 0),
          warm.stream().mapToDouble(t -> t[0]).max().orElse(Double.NaN),
          median(warm, 1));
    }
    System.exit(0);
  }

  private static double[] once(Path jar, Path db) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (System.getenv("DISPLAY") == null) {
      cmd.addAll(
          List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw"));
    }
    cmd.addAll(
        List.of(
            "-jar", jar.toString(), "console", "--port", "" + freePort(), "--db", db.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("USE_STUB_WORKERS", "true");
    Process p = pb.start();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      double window = Double.NaN;
      double engine = Double.NaN;
      for (String line; System.nanoTime() < deadline && (line = r.readLine()) != null; ) {
        Matcher w = WINDOW.matcher(line);
        Matcher e = ENGINE.matcher(line);
        if (w.find()) {
          window = Double.parseDouble(w.group(1));
        } else if (e.find()) {
          engine = Double.parseDouble(e.group(1));
        }
        if (!Double.isNaN(window) && !Double.isNaN(engine)) {
          return new double[] {window, engine};
        }
      }
      throw new IllegalStateException("The console never said it was interactive");
    } finally {
      p.destroy(); // SIGTERM: the console closes the database cleanly
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static double median(List<double[]> runs, int i) {
    List<Double> v = new ArrayList<>();
    for (double[] t : runs) {
      v.add(t[i]);
    }
    Collections.sort(v);
    return v.get(v.size() / 2);
  }
}
