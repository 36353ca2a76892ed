package dev.ktrdr.desktop.detail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Charts tab: the strategy spec, the training loss curve, the out-of-sample equity curve
 * against buy-and-hold, and the trades. Redrawn only when what it shows changed ({@link
 * #show(ResearchResults)} compares), never per event: the detail pane calls it when the tab is
 * shown and the selection has settled.
 */
public final class ResultCharts extends ScrollPane {
  private final TextArea spec = new TextArea();
  private final Label specEmpty = empty("specEmpty");
  private final LineChart<Number, Number> loss = chart("Epoch", "Loss", "lossChart");
  private final Label lossEmpty = empty("lossEmpty");
  private final LineChart<Number, Number> equity =
      chart("Out-of-sample bar", "Equity (× start)", "equityChart");
  private final Label equityEmpty = empty("equityEmpty");
  private final TableView<ResearchResults.TradeRow> trades = new TableView<>();
  private ResearchResults shown;
  private int redraws;

  ResultCharts() {
    spec.setEditable(false);
    spec.setId("chartsSpec");
    spec.getStyleClass().add("mono");
    spec.setPrefRowCount(10);
    loss.setTitle("Training loss");
    loss.setLegendVisible(false);
    equity.setTitle("Equity vs buy-and-hold");
    buildTrades();
    VBox box =
        new VBox(
            8,
            heading("Strategy spec"),
            new StackPane(spec, specEmpty),
            new StackPane(loss, lossEmpty),
            new StackPane(equity, equityEmpty),
            heading("Trades"),
            trades);
    box.getStyleClass().add("result-charts");
    box.setStyle("-fx-padding: 8;");
    setContent(box);
    setFitToWidth(true);
    setId("detailCharts");
    show(ResearchResults.NONE);
  }

  /** Shows {@code r}; does nothing when it is what is already shown. */
  void show(ResearchResults r) {
    if (r.equals(shown)) {
      return;
    }
    shown = r;
    redraws++;
    spec.setText(r.spec() == null ? "" : r.spec());
    toggle(spec, specEmpty, r.specNote());

    loss.getData().clear();
    if (!r.lossCurve().isEmpty()) {
      XYChart.Series<Number, Number> s = new XYChart.Series<>();
      s.setName("loss");
      for (int i = 0; i < r.lossCurve().size(); i++) {
        s.getData().add(new XYChart.Data<>(i + 1, r.lossCurve().get(i)));
      }
      loss.getData().add(s);
    }
    toggle(loss, lossEmpty, r.lossNote());

    equity.getData().clear();
    List<ResearchResults.EquityRow> rows = r.equity();
    if (!rows.isEmpty()) {
      XYChart.Series<Number, Number> strategy = new XYChart.Series<>();
      strategy.setName("strategy");
      XYChart.Series<Number, Number> hold = new XYChart.Series<>();
      hold.setName("buy-and-hold");
      for (int i = 0; i < rows.size(); i++) {
        strategy.getData().add(new XYChart.Data<>(i, rows.get(i).equity()));
        hold.getData().add(new XYChart.Data<>(i, rows.get(i).buyAndHold()));
      }
      equity.getData().add(strategy);
      equity.getData().add(hold);
      ((NumberAxis) equity.getXAxis()).setTickLabelFormatter(dates(rows));
    }
    toggle(equity, equityEmpty, r.equityNote());

    trades.getItems().setAll(r.trades());
    trades.setPlaceholder(
        new Label(r.equityNote() != null ? r.equityNote() : "The strategy made no trades."));
  }

  /** How often the charts were rebuilt: what "never per event" is tested by. */
  int redraws() {
    return redraws;
  }

  public LineChart<Number, Number> lossChart() {
    return loss;
  }

  public LineChart<Number, Number> equityChart() {
    return equity;
  }

  public TableView<ResearchResults.TradeRow> tradesTable() {
    return trades;
  }

  private static void toggle(Node content, Label empty, String note) {
    content.setVisible(note == null);
    empty.setVisible(note != null);
    empty.setText(note == null ? "" : note);
  }

  /** The x axis counts curve points; its labels say the date of the point. */
  private static StringConverter<Number> dates(List<ResearchResults.EquityRow> rows) {
    return new StringConverter<>() {
      @Override
      public String toString(Number n) {
        int i = (int) Math.round(n.doubleValue());
        if (i < 0 || i >= rows.size()) {
          return "";
        }
        String t = rows.get(i).time();
        return t.length() >= 10 ? t.substring(0, 10) : t;
      }

      @Override
      public Number fromString(String s) {
        return 0;
      }
    };
  }

  private void buildTrades() {
    trades.setId("tradesTable");
    trades.setPrefHeight(200);
    trades.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    List<TableColumn<ResearchResults.TradeRow, String>> cols = new ArrayList<>();
    cols.add(column("Side", ResearchResults.TradeRow::direction));
    cols.add(column("Entry", t -> shortTime(t.entryTime())));
    cols.add(column("Entry price", t -> price(t.entryPrice())));
    cols.add(column("Exit", t -> shortTime(t.exitTime())));
    cols.add(column("Exit price", t -> price(t.exitPrice())));
    cols.add(column("Return", t -> String.format(Locale.ROOT, "%+.2f%%", t.netReturn() * 100)));
    cols.add(column("Bars", t -> Integer.toString(t.barsHeld())));
    cols.add(column("Exit reason", ResearchResults.TradeRow::exitReason));
    trades.getColumns().addAll(cols);
  }

  private static TableColumn<ResearchResults.TradeRow, String> column(
      String name, Function<ResearchResults.TradeRow, String> value) {
    TableColumn<ResearchResults.TradeRow, String> c = new TableColumn<>(name);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    return c;
  }

  private static String shortTime(String iso) {
    return iso == null ? "" : iso.replace('T', ' ').replace("Z", "").replace(":00 ", " ");
  }

  private static String price(double p) {
    return String.format(Locale.ROOT, "%.2f", p);
  }

  private static LineChart<Number, Number> chart(String x, String y, String id) {
    NumberAxis xa = new NumberAxis();
    xa.setLabel(x);
    xa.setForceZeroInRange(false);
    NumberAxis ya = new NumberAxis();
    ya.setLabel(y);
    ya.setForceZeroInRange(false);
    LineChart<Number, Number> c = new LineChart<>(xa, ya);
    c.setAnimated(false); // a redraw shows the numbers, not a transition between researches
    c.setCreateSymbols(false);
    c.setPrefHeight(240);
    c.setMinHeight(180);
    c.setId(id);
    return c;
  }

  private static Label heading(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("field-key");
    return l;
  }

  private static Label empty(String id) {
    Label l = new Label();
    l.getStyleClass().add("muted");
    l.setWrapText(true);
    l.setId(id);
    return l;
  }
}
