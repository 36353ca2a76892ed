package dev.ktrdr.desktop;

import dev.ktrdr.agent.Model;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.desktop.data.DatasetChoice;
import java.util.Arrays;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.controlsfx.control.SearchableComboBox;

/** Brief, dataset, model, bypass gates, force, Trigger: a new research in one line. */
final class TriggerBar extends HBox {
  private final ConsoleViewModel vm;
  private final TextField brief = new TextField();
  private final ComboBox<String> model = new ComboBox<>();
  private final SearchableComboBox<DatasetChoice> dataset = new SearchableComboBox<>();
  private final CheckBox bypassGates = new CheckBox("Bypass gates");
  private final CheckBox force = new CheckBox("Force");
  private final Button trigger = new Button("Trigger");

  TriggerBar(ConsoleViewModel vm) {
    super(10);
    this.vm = vm;
    Label title = new Label("New research");
    title.getStyleClass().add("bar-title");
    title.setMinWidth(Label.USE_PREF_SIZE);
    // On a narrow window the title goes first; the brief keeps its room.
    title.managedProperty().bind(widthProperty().greaterThan(1050));
    title.visibleProperty().bind(title.managedProperty());
    brief.setId("brief");
    brief.setPromptText("Brief, e.g. Explore RSI variations on EURUSD 1h  (Ctrl+N)");
    brief.setMinWidth(160);
    HBox.setHgrow(brief, Priority.ALWAYS);
    brief.setOnAction(e -> doTrigger());
    model.setId("model");
    model.getItems().addAll(Arrays.stream(Model.values()).map(Model::alias).toList());
    model.setValue(Model.DEFAULT.alias());
    model.setTooltip(new Tooltip("Model for design and assessment"));
    model.setMinWidth(96);
    dataset.setId("dataset");
    dataset.setItems(vm.datasets().choices());
    dataset.setValue(DatasetChoice.BY_DESIGN);
    // A refreshed list holds new but equal entries: the chosen one stays chosen, or the default.
    vm.datasets()
        .choices()
        .addListener(
            (javafx.collections.ListChangeListener<DatasetChoice>)
                c -> {
                  DatasetChoice was = dataset.getValue();
                  dataset.setValue(
                      was != null && vm.datasets().choices().contains(was)
                          ? was
                          : DatasetChoice.BY_DESIGN);
                });
    dataset.setTooltip(new Tooltip("Dataset to research; type to search"));
    dataset.setMinWidth(150);
    dataset.setPrefWidth(230);
    Label datasetLabel = new Label("Data");
    datasetLabel.setMinWidth(Label.USE_PREF_SIZE);
    bypassGates.setId("bypassGates");
    bypassGates.setTooltip(new Tooltip("Skip the training and backtest quality gates"));
    bypassGates.setMinWidth(CheckBox.USE_PREF_SIZE);
    force.setId("force");
    force.setTooltip(new Tooltip("Start even when at capacity or out of budget"));
    force.setMinWidth(CheckBox.USE_PREF_SIZE);
    trigger.setId("trigger");
    trigger.getStyleClass().add("accent");
    trigger.setMinWidth(Button.USE_PREF_SIZE);
    trigger.setOnAction(e -> doTrigger());
    Label modelLabel = new Label("Model");
    modelLabel.setMinWidth(Label.USE_PREF_SIZE);
    getChildren()
        .addAll(
            title, brief, datasetLabel, dataset, modelLabel, model, bypassGates, force, trigger);
    setAlignment(Pos.CENTER_LEFT);
    getStyleClass().add("trigger-bar");
  }

  void focusBrief() {
    brief.requestFocus();
    brief.selectAll();
  }

  private void doTrigger() {
    trigger.setDisable(true);
    vm.trigger(
        brief.getText(),
        model.getValue(),
        bypassGates.isSelected(),
        force.isSelected(),
        dataset.getValue() == null ? null : dataset.getValue().id(),
        reply -> {
          trigger.setDisable(false);
          if (reply instanceof Triggered) {
            brief.clear();
          }
        });
  }
}
