package dev.ktrdr.desktop.detail;

import dev.ktrdr.desktop.DisplayFormats;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.operations.Phase;
import java.time.Duration;
import java.time.Instant;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws a {@link Timeline}: one lane per phase, work as solid bars coloured by status, waits as
 * hatched amber bars with their length, and a time axis. A canvas: a redraw costs well under a
 * millisecond, so the running bar can grow every second.
 */
public final class TimelineView extends Pane {
  static final double GUTTER = 86;
  static final double LANE = 30;
  static final double TOP = 8;
  private static final Color WAIT = Color.web("#f59e0b");
  private final Canvas canvas = new Canvas();
  private Timeline timeline;

  public TimelineView() {
    getStyleClass().add("timeline");
    setId("timeline");
    getChildren().add(canvas);
    setMinHeight(TOP + LANE * 4 + 56);
    widthProperty().addListener((o, a, b) -> draw());
    heightProperty().addListener((o, a, b) -> draw());
  }

  @Override
  protected void layoutChildren() {
    canvas.setWidth(getWidth());
    canvas.setHeight(getHeight());
  }

  public void show(Timeline t) {
    this.timeline = t;
    draw();
  }

  public Timeline timeline() {
    return timeline;
  }

  private void draw() {
    double w = getWidth();
    double h = getHeight();
    canvas.setWidth(w);
    canvas.setHeight(h);
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.clearRect(0, 0, w, h);
    g.setFont(Font.font(11.5));
    g.setTextBaseline(VPos.CENTER);
    double plot = w - GUTTER - 12;
    for (int i = 0; i < Timeline.LANES.size(); i++) {
      double y = TOP + i * LANE;
      g.setFill(i % 2 == 0 ? Color.web("#f8fafc") : Color.WHITE);
      g.fillRect(0, y, w, LANE);
      g.setFill(Color.web("#374151"));
      g.setTextAlign(TextAlignment.LEFT);
      g.fillText(label(Timeline.LANES.get(i)), 8, y + LANE / 2);
    }
    if (timeline == null || plot <= 20) {
      g.setFill(Color.web("#6b7280"));
      g.fillText("Select a research to see its phases over time.", GUTTER, TOP + LANE * 4 + 16);
      return;
    }
    double span = Math.max(1, Duration.between(timeline.from(), timeline.to()).toMillis());
    for (Timeline.Segment s : timeline.segments()) {
      double x0 = GUTTER + plot * ms(timeline.from(), s.start()) / span;
      double x1 = GUTTER + plot * ms(timeline.from(), s.end()) / span;
      double y = TOP + Timeline.LANES.indexOf(s.lane()) * LANE + 5;
      double bw = Math.max(2, x1 - x0);
      double bh = LANE - 10;
      if (s.waiting()) {
        g.setFill(WAIT.deriveColor(0, 1, 1, 0.25));
        g.fillRect(x0, y, bw, bh);
        g.setStroke(WAIT);
        g.setLineWidth(1);
        for (double x = x0 - bh; x < x0 + bw; x += 6) { // hatching, clipped to the bar
          double a = Math.max(x, x0);
          double b = Math.min(x + bh, x0 + bw);
          if (b > a) {
            g.strokeLine(a, y + bh - (a - x), b, y + bh - (b - x));
          }
        }
        g.strokeRect(x0, y, bw, bh);
      } else {
        g.setFill(color(s.status()));
        g.fillRoundRect(x0, y, bw, bh, 4, 4);
      }
      String text =
          (s.waiting() ? "waiting " : "") + DisplayFormats.duration(s.length().toSeconds());
      if (bw > text.length() * 6.5 + 6) {
        g.setFill(s.waiting() ? Color.web("#92400e") : Color.WHITE);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(text, x0 + bw / 2, y + bh / 2);
      }
    }
    drawAxis(g, plot, span);
  }

  private void drawAxis(GraphicsContext g, double plot, double span) {
    double y = TOP + LANE * 4 + 4;
    g.setStroke(Color.web("#9ca3af"));
    g.strokeLine(GUTTER, y, GUTTER + plot, y);
    g.setFill(Color.web("#6b7280"));
    g.setTextAlign(TextAlignment.CENTER);
    double step = niceStep(span / 1000.0 / Math.max(1, plot / 90));
    for (double s = 0; s * 1000 <= span; s += step) {
      double x = GUTTER + plot * s * 1000 / span;
      g.strokeLine(x, y, x, y + 4);
      g.fillText(DisplayFormats.duration(s), x, y + 14);
    }
    String waited = "waited " + DisplayFormats.duration(timeline.waited().toSeconds()) + " in all";
    String started = "started " + DisplayFormats.time(timeline.from());
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText(started, GUTTER, y + 30);
    boolean narrow = plot < 260; // both on one line would overlap
    g.setTextAlign(narrow ? TextAlignment.LEFT : TextAlignment.RIGHT);
    g.fillText(waited, narrow ? GUTTER : GUTTER + plot, narrow ? y + 46 : y + 30);
  }

  /** A tick step in seconds from 1 s … 1 h, about {@code raw} apart. */
  static double niceStep(double raw) {
    double[] steps = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
    for (double s : steps) {
      if (s >= raw) {
        return s;
      }
    }
    return 7200;
  }

  private static double ms(Instant from, Instant t) {
    return Duration.between(from, t).toMillis();
  }

  private static String label(Phase p) {
    switch (p) {
      case DESIGNING:
        return "design";
      case BACKTESTING:
        return "backtest";
      case ASSESSING:
        return "assessment";
      default:
        return p.wire();
    }
  }

  static Color color(OperationStatus s) {
    if (s == null) {
      return Color.web("#9ca3af");
    }
    switch (s) {
      case RUNNING:
        return Color.web("#3b82f6");
      case COMPLETED:
        return Color.web("#16a34a");
      case FAILED:
        return Color.web("#dc2626");
      case CANCELLED:
        return Color.web("#9ca3af");
      default:
        return Color.web("#a16207");
    }
  }
}
