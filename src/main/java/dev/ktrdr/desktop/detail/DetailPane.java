package dev.ktrdr.desktop.detail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.agent.ResearchParams;
import dev.ktrdr.desktop.DisplayFormats;
import dev.ktrdr.desktop.table.OperationRow;
import dev.ktrdr.desktop.table.StatusCell;
import dev.ktrdr.operations.EventRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The selected research: header (status, full id, strategy), and tabs for its fields, its phases
 * over time, its children, its results and its own log. Everything comes from the {@link
 * DetailModel}, which the table's event stream feeds.
 */
public final class DetailPane extends VBox {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DetailModel model;
  private final Supplier<Instant> now;
  private final Label title = new Label("No research selected");
  private final Label subtitle = new Label();
  private final Label badge = new Label();
  private final GridPane fields = new GridPane();
  private final TableView<Operation> children = new TableView<>();
  private final TextArea results = new TextArea();
  private final ListView<EventRecord> history = new ListView<>();
  private final TimelineView timeline = new TimelineView();
  private final TabPane tabs = new TabPane();
  private final ResultCharts charts = new ResultCharts();
  private final Tab chartsTab = tab("Charts", charts);
  // The charts wait for the selection and the events to settle: arrow keys through the table or a
  // burst of progress events rebuild them once, after the last.
  private final PauseTransition chartsSettle = new PauseTransition(Duration.millis(150));
  private OperationStatus badgeStatus;
  private Map<String, Object> shownResults;

  public DetailPane(DetailModel model, Supplier<Instant> now) {
    this.model = model;
    this.now = now;
    getStyleClass().add("detail-pane");
    setId("detail");
    title.getStyleClass().add("detail-title");
    title.setId("detailTitle");
    // The full id on one line; when it does not fit, the start goes, the unique hash stays.
    title.setWrapText(false);
    title.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
    title.setMinWidth(0);
    subtitle.getStyleClass().add("muted");
    badge.getStyleClass().add("status-badge");
    badge.setVisible(false);
    badge.setMinWidth(Region.USE_PREF_SIZE);
    HBox header = new HBox(10, badge, new VBox(2, title, subtitle));
    HBox.setHgrow(header.getChildren().get(1), Priority.ALWAYS);
    header.getStyleClass().add("detail-header");

    fields.getStyleClass().add("detail-fields");
    ColumnConstraints k = new ColumnConstraints();
    k.setHalignment(HPos.RIGHT);
    k.setMinWidth(100);
    ColumnConstraints v = new ColumnConstraints();
    v.setHgrow(Priority.ALWAYS);
    fields.getColumnConstraints().addAll(k, v);
    ScrollPane overview = new ScrollPane(fields);
    overview.setFitToWidth(true);
    overview.getStyleClass().add("detail-scroll");

    buildChildren();
    results.setEditable(false);
    results.getStyleClass().add("mono");
    results.setId("detailResults");
    history.getStyleClass().add("mono-list");
    history.setPlaceholder(new Label("No log lines"));
    history.setId("detailLog");
    history.setCellFactory(
        l ->
            new ListCell<>() {
              @Override
              protected void updateItem(EventRecord e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : line(e));
              }
            });
    model
        .history()
        .addListener(
            (ListChangeListener<EventRecord>)
                c -> {
                  if (!history.isHover() && !history.getItems().isEmpty()) {
                    history.scrollTo(history.getItems().size() - 1);
                  }
                });
    history.setItems(model.history());

    tabs.getTabs()
        .addAll(
            tab("Overview", overview),
            tab("Timeline", timeline),
            tab("Children", children),
            tab("Results", results),
            chartsTab,
            tab("Log", history));
    // A tab's content joins the scene when first shown: a tab pane styles and lays out every
    // tab's content, and the start-up frame should not pay for four that are not visible.
    for (int i = 1; i < tabs.getTabs().size(); i++) {
      Tab t = tabs.getTabs().get(i);
      javafx.scene.Node content = t.getContent();
      t.setContent(null);
      t.selectedProperty()
          .addListener(
              (o, was, shown) -> {
                if (shown && t.getContent() == null) {
                  t.setContent(content);
                }
              });
    }
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setId("detailTabs");
    VBox.setVgrow(tabs, Priority.ALWAYS);
    getChildren().addAll(header, tabs);
    chartsTab.setId("tabCharts");
    chartsSettle.setOnFinished(e -> showCharts());
    chartsTab.selectedProperty().addListener((o, was, shown) -> settleCharts());
    model.versionProperty().addListener((o, a, b) -> show());
    show();
  }

  private void buildChildren() {
    children
        .getColumns()
        .addAll(
            List.of(
                column("Child", 80, c -> DisplayFormats.shortId(c.operationId())),
                column("Type", 84, c -> typeLabel(c)),
                statusColumn(),
                column("Progress", 70, c -> Math.round(c.progressPercentage()) + "%"),
                column("Started", 76, c -> DisplayFormats.time(c.startedAt())),
                column(
                    "Duration", 76, c -> DisplayFormats.duration(c.durationSeconds(now.get())))));
    children.setItems(model.children());
    children.setPlaceholder(new Label("No child operations yet"));
    children.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    children.setId("detailChildren");
  }

  private TableColumn<Operation, OperationStatus> statusColumn() {
    TableColumn<Operation, OperationStatus> c = new TableColumn<>("Status");
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().status()));
    c.setCellFactory(x -> new StatusCell<>());
    c.setMinWidth(104); // "completed" as a badge, never "com…"
    c.setPrefWidth(104);
    return c;
  }

  private static TableColumn<Operation, String> column(
      String name, double min, Function<Operation, String> value) {
    TableColumn<Operation, String> c = new TableColumn<>(name);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setMinWidth(min);
    c.setPrefWidth(min);
    return c;
  }

  private static String typeLabel(Operation c) {
    return c.operationType().wire().replace("agent_", "").replace("backtesting", "backtest");
  }

  private static Tab tab(String name, javafx.scene.Node content) {
    Tab t = new Tab(name, content);
    t.setClosable(false);
    return t;
  }

  /** Redraws from the model; called once per change of the model (at most once per batch). */
  private void show() {
    Operation r = model.researchProperty().get();
    OperationRow row = model.rowProperty().get();
    fields.getChildren().clear();
    if (badgeStatus != null) {
      badge.pseudoClassStateChanged(StatusCell.pseudo(badgeStatus), false);
    }
    if (r == null) {
      title.setText("No research selected");
      title.setTooltip(null);
      subtitle.setText("");
      badge.setVisible(false);
      badgeStatus = null;
      results.clear();
      shownResults = null;
      timeline.show(null);
      settleCharts();
      addField(0, "", "Select a research in the table to see its details.");
      return;
    }
    title.setText(r.operationId());
    title.setTooltip(new Tooltip(r.operationId()));
    String strategy = r.param(ResearchParams.STRATEGY_NAME);
    subtitle.setText(
        (strategy == null ? "strategy not named yet" : strategy)
            + " · "
            + (r.status() == OperationStatus.COMPLETED
                ? OperationRow.DONE
                : ResearchParams.phase(r).wire()));
    badgeStatus = r.status();
    badge.setText(r.status().wire());
    badge.pseudoClassStateChanged(StatusCell.pseudo(badgeStatus), true);
    badge.setVisible(true);
    fillFields(r, row);
    showResults(r);
    timeline.show(Timeline.of(r, model.children(), now.get()));
    settleCharts();
  }

  /** Rebuilds the charts once things settle, only while their tab is shown. */
  private void settleCharts() {
    if (chartsTab.isSelected()) {
      chartsSettle.playFromStart();
    } else {
      chartsSettle.stop();
    }
  }

  private void showCharts() {
    if (chartsTab.isSelected()) {
      charts.show(ResearchResults.of(model.researchProperty().get(), model.children()));
    }
  }

  /** Moves the live parts (durations, the running bar) on; once a second. */
  public void tick() {
    Operation r = model.researchProperty().get();
    if (r != null && r.isActive()) {
      timeline.show(Timeline.of(r, model.children(), now.get()));
      children.refresh();
    }
  }

  private void fillFields(Operation r, OperationRow row) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Phase", r.param(ResearchParams.PHASE));
    f.put("Step", r.currentStep());
    // The row's figure (the phase's share plus its child's progress), so both say the same.
    f.put(
        "Progress",
        Math.round(row == null ? r.progressPercentage() : row.progressProperty().get() * 100)
            + "%");
    f.put("Current child", row == null ? null : row.currentChildProperty().get());
    f.put("Strategy", r.param(ResearchParams.STRATEGY_NAME));
    f.put("Model", r.param(ResearchParams.MODEL));
    f.put("Brief", r.param(ResearchParams.BRIEF));
    f.put("Bypass gates", r.param(ResearchParams.BYPASS_GATES));
    f.put("Created", DisplayFormats.dateTime(r.createdAt()));
    f.put("Started", DisplayFormats.dateTime(r.startedAt()));
    f.put("Phase since", DisplayFormats.dateTime(r.param(ResearchParams.PHASE_START_TIME)));
    f.put("Completed", DisplayFormats.dateTime(r.completedAt()));
    f.put("Duration", DisplayFormats.duration(r.durationSeconds(now.get())));
    f.put("Verdict", r.param(ResearchParams.ASSESSMENT_VERDICT));
    f.put("Gate rejection", r.param(ResearchParams.GATE_REJECTION));
    f.put("Error", r.status() == OperationStatus.CANCELLED ? null : r.errorMessage());
    f.put("Cancel reason", r.param(ResearchParams.CANCEL_REASON));
    f.put("Cancelled by", r.param(ResearchParams.CANCELLED_BY));
    f.put("Cancelled at", DisplayFormats.dateTime(r.param(ResearchParams.CANCELLED_AT)));
    f.put(
        "Console",
        row == null || row.noteProperty().get().isEmpty() ? null : row.noteProperty().get());
    int i = 0;
    for (Map.Entry<String, String> e : f.entrySet()) {
      if (e.getValue() != null && !e.getValue().isBlank()) {
        Label value = addField(i++, e.getKey(), e.getValue());
        value.setId("field-" + e.getKey().toLowerCase().replace(' ', '-'));
        if (e.getKey().equals("Gate rejection") || e.getKey().equals("Error")) {
          value.getStyleClass().add("field-warning");
        }
      }
    }
  }

  private void showResults(Operation r) {
    Map<String, Object> res = new LinkedHashMap<>();
    for (String key :
        new String[] {
          ResearchParams.TRAINING_RESULT,
          ResearchParams.BACKTEST_RESULT,
          ResearchParams.ASSESSMENT_VERDICT,
          ResearchParams.GATE_REJECTION
        }) {
      if (r.parameters().get(key) != null) {
        res.put(key, r.parameters().get(key));
      }
    }
    if (r.resultSummary() != null) {
      res.put("result_summary", r.resultSummary());
    }
    if (!Objects.equals(res, shownResults)) { // keeps the user's scroll and selection otherwise
      shownResults = res;
      results.setText(res.isEmpty() ? "No results yet." : pretty(res));
    }
  }

  private Label addField(int row, String key, String value) {
    Label k = new Label(key);
    k.getStyleClass().add("field-key");
    Label v = new Label(value);
    v.getStyleClass().add("field-value");
    v.setWrapText(true);
    fields.add(k, 0, row);
    fields.add(v, 1, row);
    return v;
  }

  static String line(EventRecord e) {
    String change =
        e.from() == null && e.to() == null
            ? ""
            : (e.from() == null ? "" : e.from().wire())
                + " → "
                + (e.to() == null ? "" : e.to().wire())
                + "  ";
    return DisplayFormats.time(e.ts())
        + "  "
        + e.kind().wire()
        + "  "
        + change
        + (e.message() == null ? "" : e.message());
  }

  private static String pretty(Object o) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      return String.valueOf(o);
    }
  }

  public TimelineView timelineView() {
    return timeline;
  }

  /** The Charts tab's content (for tests). */
  public ResultCharts chartsView() {
    return charts;
  }

  /** How often the Charts tab was rebuilt (tests: never per event). */
  public int chartRedraws() {
    return charts.redraws();
  }

  public TabPane tabs() {
    return tabs;
  }
}
