package dev.ktrdr.desktop.notify;

import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Notices as one small card in the corner of the log pane, inside the window: never over the table
 * and its Cancel buttons, never more than one at a time (a newer one replaces it), gone after a few
 * seconds or at a click. Muted (View menu, remembered), nothing pops up.
 */
public final class Toasts implements Consumer<Notice> {
  private static final Duration SHOWN_FOR = Duration.seconds(5);

  private final StackPane layer;
  private final VBox card = new VBox(2);
  private final Label title = new Label();
  private final Label text = new Label();
  private final PauseTransition hide = new PauseTransition(SHOWN_FOR);
  private final BooleanProperty muted = new SimpleBooleanProperty();
  private int shown;

  /** Puts the card over {@code layer}'s bottom-right corner. */
  public Toasts(StackPane layer) {
    this.layer = layer;
    card.setId("toast");
    card.getStyleClass().add("toast");
    card.setMaxSize(380, 90);
    title.getStyleClass().add("toast-title");
    text.getStyleClass().add("toast-text");
    text.setWrapText(true);
    Button close = new Button("×");
    close.getStyleClass().add("toast-close");
    close.setFocusTraversable(false);
    close.setOnAction(e -> dismiss());
    BorderPane head = new BorderPane(title, null, close, null, null);
    BorderPane.setAlignment(title, Pos.CENTER_LEFT);
    card.getChildren().addAll(head, text);
    card.setOnMouseClicked(e -> dismiss());
    StackPane.setAlignment(card, Pos.BOTTOM_RIGHT);
    StackPane.setMargin(card, new Insets(0, 24, 12, 0));
    hide.setOnFinished(e -> dismiss());
    muted.addListener((o, a, m) -> dismiss());
  }

  @Override
  public void accept(Notice n) {
    if (muted.get()) {
      return;
    }
    shown++;
    title.setText(n.title());
    text.setText(n.text());
    for (Notice.Level l : Notice.Level.values()) {
      card.pseudoClassStateChanged(
          PseudoClass.getPseudoClass(l.name().toLowerCase()), l == n.level());
    }
    if (!layer.getChildren().contains(card)) {
      layer.getChildren().add(card);
    }
    hide.playFromStart();
  }

  public void dismiss() {
    hide.stop();
    layer.getChildren().remove(card);
  }

  public BooleanProperty mutedProperty() {
    return muted;
  }

  /** True while a card is on screen. */
  public boolean isShowing() {
    return layer.getChildren().contains(card);
  }

  /** How many pop-ups were shown so far (tests count them). */
  public int shownCount() {
    return shown;
  }
}
