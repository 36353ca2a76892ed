package dev.ktrdr.desktop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.agent.ResearchParams;
import dev.ktrdr.operations.EventRecord;
import dev.ktrdr.operations.Operation;
import dev.ktrdr.operations.OperationStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The selected research: its fields, children, results and its own log lines. */
final class DetailPane extends VBox {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Label title = new Label("No research selected");
  private final Label badge = new Label();
  private final GridPane fields = new GridPane();
  private final TableView<Operation> children = new TableView<>();
  private final TextArea results = new TextArea();
  private final ListView<String> history = new ListView<>();
  private final TabPane tabs = new TabPane();
  private OperationStatus badgeStatus;

  DetailPane() {
    getStyleClass().add("detail-pane");
    setId("detail");
    title.getStyleClass().add("detail-title");
    title.setWrapText(true);
    badge.getStyleClass().add("status-badge");
    badge.setVisible(false);
    badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    HBox header = new HBox(10, badge, title);
    header.getStyleClass().add("detail-header");

    fields.getStyleClass().add("detail-fields");
    ColumnConstraints k = new ColumnConstraints();
    k.setHalignment(HPos.RIGHT);
    k.setMinWidth(110);
    ColumnConstraints v = new ColumnConstraints();
    v.setHgrow(Priority.ALWAYS);
    fields.getColumnConstraints().addAll(k, v);
    ScrollPane overview = new ScrollPane(fields);
    overview.setFitToWidth(true);
    overview.getStyleClass().add("detail-scroll");

    TableColumn<Operation, String> cId = new TableColumn<>("Child");
    cId.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(OperationRow.shortId(c.getValue().operationId())));
    cId.setPrefWidth(90);
    TableColumn<Operation, String> cType = new TableColumn<>("Type");
    cType.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().operationType().wire()));
    cType.setPrefWidth(120);
    TableColumn<Operation, OperationStatus> cStatus = new TableColumn<>("Status");
    cStatus.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
    cStatus.setCellFactory(c -> new StatusCell<>());
    cStatus.setPrefWidth(100);
    TableColumn<Operation, String> cProgress = new TableColumn<>("Progress");
    cProgress.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(Math.round(c.getValue().progressPercentage()) + "%"));
    cProgress.setPrefWidth(70);
    TableColumn<Operation, String> cDuration = new TableColumn<>("Duration");
    cDuration.setCellValueFactory(
        c ->
            new ReadOnlyStringWrapper(
                OperationRow.formatDuration(c.getValue().durationSeconds(Instant.now()))));
    cDuration.setPrefWidth(80);
    children.getColumns().addAll(java.util.List.of(cId, cType, cStatus, cProgress, cDuration));
    children.setPlaceholder(new Label("No child operations yet"));
    children.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    children.setId("detailChildren");

    results.setEditable(false);
    results.getStyleClass().add("mono");
    results.setId("detailResults");
    history.getStyleClass().add("mono-list");
    history.setPlaceholder(new Label("No log lines"));
    history.setId("detailLog");

    tabs.getTabs()
        .addAll(
            tab("Overview", overview),
            tab("Children", children),
            tab("Results", results),
            tab("Log", history));
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    VBox.setVgrow(tabs, Priority.ALWAYS);
    getChildren().addAll(header, tabs);
    show(null, null);
  }

  private static Tab tab(String name, javafx.scene.Node content) {
    Tab t = new Tab(name, content);
    t.setClosable(false);
    return t;
  }

  /** Shows {@code d}, or the "nothing selected" state; {@code row} adds the console's note. */
  void show(ConsoleViewModel.Detail d, OperationRow row) {
    fields.getChildren().clear();
    if (badgeStatus != null) {
      badge.pseudoClassStateChanged(StatusCell.pseudo(badgeStatus), false);
    }
    if (d == null || d.research() == null) {
      title.setText(row == null ? "No research selected" : row.id());
      badge.setVisible(false);
      badgeStatus = null;
      children.getItems().clear();
      results.clear();
      history.getItems().clear();
      if (row == null) {
        addField(0, "", "Select a research in the table to see its details.");
      }
      return;
    }
    Operation r = d.research();
    title.setText(r.operationId());
    badgeStatus = r.status();
    badge.setText(r.status().wire());
    badge.pseudoClassStateChanged(StatusCell.pseudo(badgeStatus), true);
    badge.setVisible(true);

    Map<String, String> f = new LinkedHashMap<>();
    f.put("Phase", r.param(ResearchParams.PHASE));
    f.put("Step", r.currentStep());
    f.put("Progress", Math.round(r.progressPercentage()) + "%");
    f.put("Strategy", r.param(ResearchParams.STRATEGY_NAME));
    f.put("Model", r.param(ResearchParams.MODEL));
    f.put("Brief", r.param(ResearchParams.BRIEF));
    f.put("Bypass gates", r.param(ResearchParams.BYPASS_GATES));
    f.put("Created", time(r.createdAt()));
    f.put("Started", time(r.startedAt()));
    f.put("Completed", time(r.completedAt()));
    f.put("Duration", OperationRow.formatDuration(r.durationSeconds(Instant.now())));
    f.put("Current child", r.isActive() ? ResearchParams.currentChildId(r) : null);
    f.put("Verdict", r.param(ResearchParams.ASSESSMENT_VERDICT));
    f.put("Gate rejection", r.param(ResearchParams.GATE_REJECTION));
    f.put("Error", r.status() == OperationStatus.CANCELLED ? null : r.errorMessage());
    f.put("Cancel reason", r.param(ResearchParams.CANCEL_REASON));
    f.put("Cancelled by", r.param(ResearchParams.CANCELLED_BY));
    f.put("Cancelled at", r.param(ResearchParams.CANCELLED_AT));
    f.put(
        "Console",
        row == null || row.noteProperty().get().isEmpty() ? null : row.noteProperty().get());
    int i = 0;
    for (Map.Entry<String, String> e : f.entrySet()) {
      if (e.getValue() != null && !e.getValue().isBlank()) {
        Label value = addField(i++, e.getKey(), e.getValue());
        if (e.getKey().equals("Gate rejection") || e.getKey().equals("Error")) {
          value.getStyleClass().add("field-warning");
        }
      }
    }
    children.setItems(FXCollections.observableArrayList(d.children()));

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
    results.setText(res.isEmpty() ? "No results yet." : pretty(res));

    history.getItems().setAll(d.history().stream().map(DetailPane::line).toList());
    if (!history.getItems().isEmpty()) {
      history.scrollTo(history.getItems().size() - 1);
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
    return CLOCK.format(e.ts())
        + "  "
        + e.kind().wire()
        + "  "
        + change
        + (e.message() == null ? "" : e.message());
  }

  private static String time(Instant t) {
    return t == null ? null : TIME.format(t);
  }

  private static String pretty(Object o) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      return String.valueOf(o);
    }
  }
}
