package dev.ktrdr.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one table the suite prints (Markdown, so it pastes into the README): each figure with its
 * goal, whether it is met, and how many times its floor it costs.
 */
final class Report {
  private static final String OK = "✓";
  private static final String MISSED = "✗";
  private static final String NONE = "—";

  private final List<String[]> rows = new ArrayList<>();

  private Report() {}

  static String render(
      String header,
      Options o,
      Floors f,
      ScaleRun.Result scale,
      List<StepRun.Point> steps,
      WindowRun.Result window) {
    Report r = new Report();
    for (ScaleRun.Point p : scale.points()) {
      double rate = p.triggers().perSecond();
      r.row(
          "triggers per second (8 keep-alive clients)",
          size(p.size(), p.reached()),
          String.format(Locale.ROOT, "%,.0f", rate),
          "≥ 1,000",
          rate >= 1000,
          ratio(f.triggersPerSecond() / rate));
    }
    for (ScaleRun.Point p : scale.points()) {
      Stats c = p.cancelMillis();
      r.row(
          "cancel round trip p50 / p99 / max (sequential)",
          size(p.size(), p.reached()),
          ms(c.p50()) + " / " + ms(c.p99()) + " / " + ms(c.max()) + " ms",
          "≤ 3 / ≤ 15 ms",
          c.p50() <= 3 && c.p99() <= 15,
          ratio(c.p50() / f.writeRequestMillis())
              + " / "
              + ratio(c.p99() / f.writeRequestMillis()));
    }
    for (ScaleRun.Point p : scale.points()) {
      Stats c = p.cycleMillis();
      r.row(
          "coordinator cycle p50 / max (" + c.count() + " cycles)",
          size(p.size(), p.reached()) + (p.settled() ? "" : " (not settled)"),
          c.isEmpty() ? "none reported" : ms(c.p50()) + " / " + ms(c.max()) + " ms",
          "< 100 ms",
          !c.isEmpty() && c.max() < 100,
          c.isEmpty() ? NONE : ratio(c.p50() / f.commitMillis()));
    }
    for (StepRun.Point p : steps) {
      r.row(
          "step: child ends → next child, p50 / p99 / max"
              + samples(p.stepMillis(), p.stepsUnfinished()),
          activeRange(p),
          triple(p.stepMillis()),
          "≤ 50 ms",
          !p.stepMillis().isEmpty() && p.stepMillis().p99() <= 50,
          p.stepMillis().isEmpty() ? NONE : ratio(p.stepMillis().p50() / f.commitMillis()));
    }
    for (StepRun.Point p : steps) {
      r.row(
          "worker freed → next research on it, p50 / p99 / max"
              + samples(p.handoffMillis(), p.handoffsUnfinished()),
          activeRange(p),
          triple(p.handoffMillis()),
          "≤ 50 ms",
          !p.handoffMillis().isEmpty() && p.handoffMillis().p99() <= 50,
          p.handoffMillis().isEmpty() ? NONE : ratio(p.handoffMillis().p50() / f.commitMillis()));
    }
    readyRow(r, f, "", "0 (empty database)", scale.freshReadySeconds());
    readyRow(r, f, ", class-data archive", "0 (empty database)", scale.freshArchivedReadySeconds());
    for (ScaleRun.Point p : scale.points()) {
      readyRow(r, f, "", size(p.size(), p.reached()) + " to resume", p.readySeconds());
      readyRow(
          r,
          f,
          ", class-data archive",
          size(p.size(), p.reached()) + " to resume",
          p.archivedReadySeconds());
    }
    if (window != null) {
      String args = String.join(" ", o.windowArgs());
      r.row(
          "window: longest FX-thread wait (" + args + ")",
          "the benchmark's rows",
          ms(window.maxStallMillis()) + " ms",
          "≤ 50 ms",
          window.maxStallMillis() <= 50,
          NONE);
      String heap =
          window.reportedHeapMb() != null
              ? String.format(Locale.ROOT, "%.0f MB (reported)", window.reportedHeapMb())
              : window.gcHeapMb() != null
                  ? String.format(
                      Locale.ROOT, "%.0f MB (GC log, most after a GC)", window.gcHeapMb())
                  : "not reported";
      r.rows.add(new String[] {"window: heap", "the benchmark's rows", heap, NONE, NONE, NONE});
    }
    StringBuilder out = new StringBuilder(header).append("\n\n");
    List<Integer> unmeasured = new ArrayList<>(o.sizes());
    scale.points().forEach(p -> unmeasured.remove(Integer.valueOf(p.size())));
    if (!unmeasured.isEmpty()) {
      out.append("Not measured: ")
          .append(unmeasured)
          .append(" active researches (the ramp to a smaller size was cut short at its time cap).")
          .append("\n\n");
    }
    out.append("| measure | active researches | measured | goal | met | × floor |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (String[] row : r.rows) {
      out.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    out.append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "Floors, measured in this run: one SQLite commit %s ms (WAL, synchronous=NORMAL) · "
                    + "one loopback HTTP round trip %s ms (keep-alive, trivial endpoint) · "
                    + "8 keep-alive clients %,.0f requests/s · `java -jar … --version` %s.%n"
                    + "× floor: the figure over its floor (for a rate, the floor over the figure), "
                    + "1× being the floor itself. Triggers: %,.0f/s (8 clients' HTTP share + one "
                    + "commit each); cancel: %s ms (one round trip + one commit); cycle and steps: "
                    + "one commit; ready: `--version`.%n",
                ms(f.commitMillis()),
                ms(f.httpMillis()),
                f.httpPerSecond(),
                secs(f.versionSeconds()),
                f.triggersPerSecond(),
                ms(f.writeRequestMillis())));
    return out.toString();
  }

  /** A {@code serve} ready row; none when {@code seconds} is NaN (no archive was given). */
  private static void readyRow(Report r, Floors f, String how, String active, double seconds) {
    if (Double.isNaN(seconds)) {
      return;
    }
    r.row(
        "`serve` ready (start → first 200 from /health" + how + ")",
        active,
        secs(seconds),
        "< 1.5 s",
        seconds < 1.5,
        ratio(seconds / f.versionSeconds()));
  }

  private void row(
      String measure, String active, String measured, String goal, boolean met, String ratio) {
    rows.add(new String[] {measure, active, measured, goal, met ? OK : MISSED, ratio});
  }

  private static String size(int size, int reached) {
    String s = String.format(Locale.ROOT, "%,d", size);
    return reached < size ? s + String.format(Locale.ROOT, " (reached %,d)", reached) : s;
  }

  private static String activeRange(StepRun.Point p) {
    return p.minActive() == p.maxActive()
        ? String.format(Locale.ROOT, "%,d", p.maxActive())
        : String.format(Locale.ROOT, "%,d–%,d", p.minActive(), p.maxActive());
  }

  private static String samples(Stats s, int unfinished) {
    return " (" + s.count() + (unfinished > 0 ? ", " + unfinished + " unfinished" : "") + ")";
  }

  private static String triple(Stats s) {
    return s.isEmpty()
        ? "no samples"
        : ms(s.p50()) + " / " + ms(s.p99()) + " / " + ms(s.max()) + " ms";
  }

  static String ms(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return v < 10
        ? String.format(Locale.ROOT, "%.2f", v)
        : v < 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v);
  }

  static String secs(double v) {
    return String.format(Locale.ROOT, "%.2f s", v);
  }

  private static String ratio(double r) {
    if (Double.isNaN(r) || Double.isInfinite(r)) {
      return NONE;
    }
    return r < 10
        ? String.format(Locale.ROOT, "%.1f×", r)
        : String.format(Locale.ROOT, "%,.0f×", r);
  }
}
