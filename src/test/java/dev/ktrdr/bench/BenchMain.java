package dev.ktrdr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The benchmark suite: drives a real ktrdr jar over HTTP and prints one table of figures, goals and
 * floors. Not a test (nothing here runs in {@code mvn verify}); run it with {@code bench/run.sh},
 * which builds what it needs and passes its arguments here (see {@link Options}). Exits 0 when
 * everything was measured, whatever the figures; 1 when it could not measure (setup failure); 2 on
 * a bad command line.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage() + " (see bench/run.sh --help)");
      System.exit(2);
      return;
    }
    System.exit(run(o));
  }

  static int run(Options o) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("ktrdr-bench");
      if (!o.keep()) {
        Children.deleteOnExit(dir);
      }
      String header = header(o);
      Progress.say("measuring floors");
      Floors floors = Floors.measure(dir, o.jar(), o.quick());
      Progress.say(
          "  commit %s ms, HTTP %s ms, %,.0f req/s with 8 clients, --version %s",
          Report.ms(floors.commitMillis()),
          Report.ms(floors.httpMillis()),
          floors.httpPerSecond(),
          Report.secs(floors.versionSeconds()));
      ScaleRun.Result scale = ScaleRun.run(o, dir);
      List<StepRun.Point> steps = o.skipSteps() ? List.of() : StepRun.run(o, dir);
      WindowRun.Result window = o.windowClassPath() == null ? null : WindowRun.run(o, dir);
      String table =
          Report.render(header + " · " + floors.jarVersion(), o, floors, scale, steps, window);
      System.out.println(table);
      if (o.out() != null) {
        Files.writeString(o.out(), table);
      }
      return 0;
    } catch (SetupException e) {
      System.err.println("bench: setup failed: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      System.err.println("bench: failed: " + e);
      e.printStackTrace(); // a bug in the harness itself: the trace is what its author needs
      return 1;
    } finally {
      if (dir != null && o.keep()) {
        System.err.println("bench: databases and server logs kept in " + dir);
      }
    }
  }

  private static String header(Options o) {
    String load = "?";
    try {
      load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      // not Linux: leave it unknown
    }
    return String.format(
        "ktrdr benchmark%s · %s · %d cores, load %s at start · jar %s",
        o.quick() ? " (quick)" : "",
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Runtime.getRuntime().availableProcessors(),
        load,
        o.jar());
  }
}
