package dev.ktrdr.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The window step: runs the desktop benchmark (by default {@code
 * desktop/bench/EventStormBenchmark}: the real console window, headless, stormed with operation
 * events while a probe times the FX thread) in its own JVM with its arguments passed through, and
 * reads its result lines. Its internals are the desktop's; this class only starts it and parses
 * what it prints: the worst {@code max N ms} of its FX-latency lines, and a heap figure when it
 * prints one. Without one, the heap is read, without pausing anything, from the JVM's own GC log:
 * the most heap in use after any collection of the run (old-generation garbage included, and a
 * collection may not have happened at the fullest moment: an indication, not an exact live set).
 */
final class WindowRun {
  private static final Pattern MAX = Pattern.compile("max ([0-9]+(?:\\.[0-9]+)?) ms");
  private static final Pattern HEAP =
      Pattern.compile(
          "heap[^0-9]{0,40}?([0-9]+(?:\\.[0-9]+)?) ?(MB|MiB)", Pattern.CASE_INSENSITIVE);
  private static final Pattern GC_AFTER = Pattern.compile("->([0-9]+)M\\(([0-9]+)M\\)");

  private static final long TIMEOUT_SECONDS = 900;

  private WindowRun() {}

  /** What the window step printed and what was read from it. */
  record Result(
      List<String> lines, double maxStallMillis, Double reportedHeapMb, Double gcHeapMb) {}

  static Result run(Options o, Path dir) throws IOException, InterruptedException {
    Path gcLog = dir.resolve("window-gc.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(ServeProcess.javaBin());
    cmd.add("-Xlog:gc:file=" + gcLog);
    cmd.add("-Djava.io.tmpdir=" + dir); // its temporary database goes with the run's folder
    cmd.add("-Djava.awt.headless=true");
    cmd.add("-Dprism.order=sw");
    cmd.add("-cp");
    cmd.add(o.windowClassPath());
    cmd.add(o.windowMain());
    cmd.addAll(o.windowArgs());
    Progress.say("window: %s %s", o.windowMain(), String.join(" ", o.windowArgs()));
    Path err = dir.resolve("window.err");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).directory(dir.toFile()).start();
    Children.track(p);
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  lines.add(line);
                  Progress.say("  window| %s", line);
                }
              } catch (IOException e) {
                Progress.say("  window output unreadable: %s", e.getMessage());
              }
            },
            "window-output");
    reader.setDaemon(true);
    reader.start();
    boolean ended = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    Children.untrack(p);
    if (!ended) {
      throw new SetupException(
          "the desktop benchmark did not finish within "
              + TIMEOUT_SECONDS
              + " s:\n"
              + ServeProcess.tail(err));
    }
    if (p.exitValue() != 0) {
      throw new SetupException(
          "the desktop benchmark exited with " + p.exitValue() + ":\n" + ServeProcess.tail(err));
    }
    double worst = Double.NaN;
    Double heap = null;
    List<String> printed;
    synchronized (lines) {
      printed = List.copyOf(lines);
    }
    for (String line : printed) {
      if (line.contains("FX")) {
        Matcher m = MAX.matcher(line);
        while (m.find()) {
          double v = Double.parseDouble(m.group(1));
          worst = Double.isNaN(worst) ? v : Math.max(worst, v);
        }
      }
      Matcher h = HEAP.matcher(line);
      if (h.find()) {
        double v = Double.parseDouble(h.group(1));
        heap = heap == null ? v : Math.max(heap, v);
      }
    }
    if (Double.isNaN(worst)) {
      throw new SetupException(
          "the desktop benchmark printed no FX latency line ('... max N ms'):\n"
              + String.join("\n", printed));
    }
    return new Result(printed, worst, heap, heapAfterGc(gcLog));
  }

  private static Double heapAfterGc(Path gcLog) throws IOException {
    if (!Files.isRegularFile(gcLog)) {
      return null;
    }
    Double most = null;
    for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
      Matcher m = GC_AFTER.matcher(line);
      if (m.find()) {
        double v = Double.parseDouble(m.group(1));
        most = most == null ? v : Math.max(most, v);
      }
    }
    return most;
  }
}
