package dev.ktrdr.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite's command line (bench/run.sh passes its own arguments through):
 *
 * <pre>
 * --jar PATH            the ktrdr jar to measure (required)
 * --sizes 100,1000,...  active-research counts to measure at (default 100,1000,10000)
 * --quick               shorter windows, fewer samples, sizes 100,1000 unless given (~2 minutes)
 * --window-cp CP        class path holding the desktop benchmark (omit to skip the window)
 * --window-main CLASS   its main class (default dev.ktrdr.desktop.bench.EventStormBenchmark)
 * --window-args "A B C" its arguments, passed through (default "500 10 10000"; quick "500 3 10000")
 * --skip-steps          leave out the step-latency run
 * --keep                keep the temporary folder (databases, server logs)
 * --out FILE            also write the table to FILE
 * --cds-archive PATH    a class-data archive of the jar (packaging/cds-archive.sh): the serve-ready
 *                       times are measured with it too, as packaging/ktrdr starts
 * </pre>
 */
record Options(
    Path jar,
    List<Integer> sizes,
    boolean quick,
    String windowClassPath,
    String windowMain,
    List<String> windowArgs,
    boolean skipSteps,
    boolean keep,
    Path out,
    Path cdsArchive) {

  static final String WINDOW_MAIN = "dev.ktrdr.desktop.bench.EventStormBenchmark";

  /** Cancels measured at each size (at most half the size). */
  int cancels(int size) {
    return Math.max(1, Math.min(quick ? 50 : 200, size / 2));
  }

  /** Seconds of cycle sampling, and of the step-latency window, at each size. */
  double windowSeconds() {
    return quick ? 8 : 20;
  }

  /** The longest a ramp to one size may take before it is cut short and reported as such. */
  double rampCapSeconds() {
    return quick ? 60 : 180;
  }

  /** The longest the engine may take to start every research's first phase. */
  double settleCapSeconds() {
    return quick ? 60 : 120;
  }

  static Options parse(String[] args) {
    Path jar = null;
    List<Integer> sizes = null;
    boolean quick = false;
    String windowCp = null;
    String windowMain = WINDOW_MAIN;
    List<String> windowArgs = null;
    boolean skipSteps = false;
    boolean keep = false;
    Path out = null;
    Path cdsArchive = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--jar":
          jar = Path.of(value(args, ++i, a));
          break;
        case "--sizes":
          sizes = sizes(value(args, ++i, a));
          break;
        case "--quick":
          quick = true;
          break;
        case "--window-cp":
          windowCp = value(args, ++i, a);
          break;
        case "--window-main":
          windowMain = value(args, ++i, a);
          break;
        case "--window-args":
          windowArgs = List.of(value(args, ++i, a).trim().split("\\s+"));
          break;
        case "--skip-steps":
          skipSteps = true;
          break;
        case "--keep":
          keep = true;
          break;
        case "--out":
          out = Path.of(value(args, ++i, a));
          break;
        case "--cds-archive":
          cdsArchive = Path.of(value(args, ++i, a)).toAbsolutePath();
          break;
        default:
          throw new IllegalArgumentException("Unknown option '" + a + "'");
      }
    }
    if (jar == null) {
      throw new IllegalArgumentException("Missing --jar PATH");
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("No jar at " + jar);
    }
    if (sizes == null) {
      sizes = quick ? List.of(100, 1_000) : List.of(100, 1_000, 10_000);
    }
    if (windowArgs == null) {
      windowArgs = List.of("500", quick ? "3" : "10", "10000");
    }
    return new Options(
        jar.toAbsolutePath(),
        sizes,
        quick,
        windowCp,
        windowMain,
        windowArgs,
        skipSteps,
        keep,
        out,
        cdsArchive);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException("Missing value after " + option);
    }
    return args[i];
  }

  private static List<Integer> sizes(String csv) {
    List<Integer> out = new ArrayList<>();
    int previous = 0;
    for (String s : csv.split(",")) {
      int n;
      try {
        n = Integer.parseInt(s.trim().replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Invalid --sizes '" + csv + "': expected 100,1000,...");
      }
      if (n <= previous) {
        throw new IllegalArgumentException(
            "Invalid --sizes '" + csv + "': expected increasing numbers above 0");
      }
      out.add(n);
      previous = n;
    }
    return List.copyOf(out);
  }
}
