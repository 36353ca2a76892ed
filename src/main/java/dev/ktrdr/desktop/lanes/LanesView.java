package dev.ktrdr.desktop.lanes;

import dev.ktrdr.desktop.DisplayFormats;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.workers.WorkerType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * Draws {@link LanesModel}: a queue strip on top (researches waiting for a training / backtest
 * worker), then one lane per worker with its children as bars, over the last few minutes. A bar's
 * colour is its research's (the same on its training and backtest bars), the selected research's
 * bars are outlined and the others faded; lanes get thinner as workers get more, down to a few
 * pixels at 100 workers, so the whole fleet stays on screen. Hover a bar for what it is; click it
 * to select its research.
 */
public final class LanesView extends Pane {
  static final double GUTTER = 96;
  static final double QUEUE = 34;
  static final double AXIS = 22;
  private static final Color TRAINING_QUEUE = Color.web("#7c3aed");
  private static final Color BACKTEST_QUEUE = Color.web("#d97706");
  private final LanesModel model;
  private final Supplier<Instant> now;
  private final Canvas canvas = new Canvas();
  private final Tooltip tip = new Tooltip();
  private final List<Hit> hits = new ArrayList<>();
  private java.time.Duration window = LanesModel.DEFAULT_WINDOW;
  private String selected;
  private Consumer<String> onPick = id -> {};
  private boolean dirty = true;

  private record Hit(double x0, double y0, double x1, double y1, LanesModel.Bar bar, String lane) {}

  public LanesView(LanesModel model, Supplier<Instant> now) {
    this.model = model;
    this.now = now;
    setId("lanes");
    getStyleClass().add("lanes");
    getChildren().add(canvas);
    setMinSize(0, 0);
    tip.setShowDelay(Duration.millis(150));
    Tooltip.install(canvas, tip);
    canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> tip.setText(describe(hit(e))));
    canvas.addEventHandler(
        MouseEvent.MOUSE_CLICKED,
        e -> {
          Hit h = hit(e);
          if (h != null && h.bar().researchId() != null) {
            onPick.accept(h.bar().researchId());
          }
        });
    model.versionProperty().addListener((o, a, b) -> dirty = true);
  }

  @Override
  protected void layoutChildren() {
    if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
      canvas.setWidth(getWidth());
      canvas.setHeight(getHeight());
      draw();
    }
  }

  /** Redraws if anything changed; the window calls it a few times a second while visible. */
  public void refresh() {
    if (dirty && isVisible() && getScene() != null) {
      draw();
    }
  }

  public void setSelected(String researchId) {
    selected = researchId;
    dirty = true;
  }

  public void setWindow(java.time.Duration window) {
    this.window = window;
    dirty = true;
  }

  public void setOnPick(Consumer<String> onPick) {
    this.onPick = onPick;
  }

  void draw() {
    dirty = false;
    hits.clear();
    double w = getWidth();
    double h = getHeight();
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.clearRect(0, 0, w, h);
    double plot = w - GUTTER - 10;
    if (plot < 40 || h < QUEUE + AXIS + 10) {
      return;
    }
    Instant to = now.get();
    Instant from = to.minus(window);
    double span = window.toMillis();
    LanesModel.Layout layout = model.layout(to);
    g.setFont(Font.font(11));
    g.setTextBaseline(VPos.CENTER);
    drawQueue(g, layout.queue(), from, span, plot);
    List<LanesModel.Lane> lanes = layout.lanes();
    if (lanes.isEmpty()) {
      g.setFill(Color.web("#6b7280"));
      g.fillText("No workers registered.", GUTTER, QUEUE + 20);
      return;
    }
    double top = QUEUE + 6;
    double laneH = laneHeight(h, lanes.size());
    WorkerType group = null;
    for (int i = 0; i < lanes.size(); i++) {
      LanesModel.Lane lane = lanes.get(i);
      double y = top + i * laneH;
      if (y > h - AXIS) {
        break;
      }
      if (laneH >= 4) {
        g.setFill(i % 2 == 0 ? Color.web("#f8fafc") : Color.WHITE);
        g.fillRect(GUTTER, y, plot, laneH);
      }
      if (lane.type() != group && i > 0) {
        g.setStroke(Color.web("#9ca3af"));
        g.setLineWidth(1);
        g.strokeLine(0, y, GUTTER + plot, y);
      }
      g.setFill(Color.web("#374151"));
      g.setTextAlign(TextAlignment.LEFT);
      if (laneH >= 11) {
        g.fillText(lane.workerId(), 6, y + laneH / 2);
      } else if (lane.type() != group) {
        g.setTextBaseline(VPos.TOP);
        g.fillText(lane.type().wire() + " ×" + count(lanes, lane.type()), 6, y + 1);
        g.setTextBaseline(VPos.CENTER);
      }
      group = lane.type();
      for (LanesModel.Bar b : layout.bars().getOrDefault(lane, List.of())) {
        Instant end = b.end() == null ? to : b.end();
        if (end.isBefore(from)) {
          continue;
        }
        double x0 = GUTTER + plot * Math.max(0, ms(from, b.start())) / span;
        double x1 = GUTTER + plot * Math.min(span, ms(from, end)) / span;
        double bw = Math.max(1.5, x1 - x0 - 1);
        double bh = laneH > 6 ? laneH - 3 : laneH;
        boolean mine = b.researchId() != null && b.researchId().equals(selected);
        Color c = hue(b.researchId(), b.status());
        g.setFill(selected == null || mine ? c : c.deriveColor(0, 0.6, 1.1, 0.6));
        g.fillRect(x0, y + (laneH - bh) / 2, bw, bh);
        if (mine) {
          g.setStroke(Color.web("#111827"));
          g.setLineWidth(1.5);
          g.strokeRect(x0, y + (laneH - bh) / 2, bw, bh);
        }
        if (laneH >= 14 && bw > 62) {
          g.setFill(Color.WHITE);
          g.fillText(DisplayFormats.shortId(b.researchId()), x0 + 4, y + laneH / 2);
        }
        hits.add(new Hit(x0, y, x0 + bw, y + laneH, b, lane.workerId()));
      }
    }
    drawAxis(g, h, plot);
  }

  /**
   * Every lane on screen: 20 px each for a handful of workers, down to a pixel or less at 100 in a
   * short pane, where the fleet reads as a density of busy and idle.
   */
  static double laneHeight(double height, int lanes) {
    return Math.max(0.25, Math.min(20, (height - QUEUE - 6 - AXIS) / Math.max(1, lanes)));
  }

  private void drawQueue(
      GraphicsContext g,
      List<LanesModel.QueuePoint> queue,
      Instant from,
      double span,
      double plot) {
    LanesModel.QueuePoint last = queue.isEmpty() ? null : queue.get(queue.size() - 1);
    int max = 1;
    for (LanesModel.QueuePoint p : queue) {
      max = Math.max(max, Math.max(p.training(), p.backtesting()));
    }
    g.setTextAlign(TextAlignment.LEFT);
    g.setFont(Font.font(10.5));
    g.setFill(TRAINING_QUEUE);
    g.fillText("training: " + (last == null ? 0 : last.training()), 6, 9);
    g.setFill(BACKTEST_QUEUE);
    g.fillText("backtest: " + (last == null ? 0 : last.backtesting()), 6, 24);
    g.setFont(Font.font(11));
    g.setFill(Color.web("#f8fafc"));
    g.fillRect(GUTTER, 2, plot, QUEUE - 4);
    g.setFill(Color.web("#6b7280"));
    g.setTextAlign(TextAlignment.RIGHT);
    g.fillText("researches waiting for a worker (" + max + " max)", GUTTER + plot - 2, 9);
    double base = QUEUE - 3;
    double scale = (QUEUE - 8) / max;
    for (int type = 0; type < 2; type++) {
      g.setStroke(type == 0 ? TRAINING_QUEUE : BACKTEST_QUEUE);
      g.setLineWidth(1.5);
      g.beginPath();
      boolean first = true;
      for (LanesModel.QueuePoint p : queue) {
        double t = ms(from, p.at());
        if (t < 0) {
          continue;
        }
        double x = GUTTER + plot * t / span;
        double y = base - scale * (type == 0 ? p.training() : p.backtesting());
        if (first) {
          g.moveTo(x, y);
          first = false;
        } else {
          g.lineTo(x, y);
        }
      }
      g.stroke();
    }
  }

  private void drawAxis(GraphicsContext g, double h, double plot) {
    double y = h - AXIS + 4;
    g.setStroke(Color.web("#9ca3af"));
    g.setLineWidth(1);
    g.strokeLine(GUTTER, y, GUTTER + plot, y);
    g.setFill(Color.web("#6b7280"));
    g.setTextAlign(TextAlignment.CENTER);
    long seconds = window.toSeconds();
    long step = seconds <= 120 ? 15 : seconds <= 600 ? 60 : 300;
    for (long s = 0; s <= seconds; s += step) {
      double x = GUTTER + plot * (seconds - s) / seconds;
      g.strokeLine(x, y, x, y + 3);
      g.fillText(s == 0 ? "now" : "-" + DisplayFormats.duration(s), x, y + 11);
    }
  }

  private Hit hit(MouseEvent e) {
    for (Hit h : hits) {
      if (e.getX() >= h.x0() && e.getX() <= h.x1() && e.getY() >= h.y0() && e.getY() <= h.y1()) {
        return h;
      }
    }
    return null;
  }

  private String describe(Hit h) {
    if (h == null) {
      return "Each lane is a worker, each bar a child it ran. Click a bar to select its research.";
    }
    LanesModel.Bar b = h.bar();
    Instant end = b.end() == null ? now.get() : b.end();
    return b.type().wire()
        + " "
        + DisplayFormats.shortId(b.childId())
        + " on "
        + h.lane()
        + "\nresearch "
        + b.researchId()
        + "\n"
        + b.status().wire()
        + ", "
        + DisplayFormats.duration(java.time.Duration.between(b.start(), end).toSeconds())
        + " from "
        + DisplayFormats.time(b.start());
  }

  private static int count(List<LanesModel.Lane> lanes, WorkerType t) {
    return (int) lanes.stream().filter(l -> l.type() == t).count();
  }

  private static double ms(Instant from, Instant t) {
    return java.time.Duration.between(from, t).toMillis();
  }

  /** A research's own colour (stable from its id), greyed when it failed or was cancelled. */
  static Color hue(String researchId, OperationStatus status) {
    double h = researchId == null ? 210 : Math.floorMod(researchId.hashCode(), 360);
    if (status == OperationStatus.FAILED) {
      return Color.web("#dc2626");
    }
    if (status == OperationStatus.CANCELLED) {
      return Color.web("#9ca3af");
    }
    return Color.hsb(h, 0.55, 0.78);
  }
}
