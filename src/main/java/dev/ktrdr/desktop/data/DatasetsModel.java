package dev.ktrdr.desktop.data;

import dev.ktrdr.agent.DataService;
import dev.ktrdr.desktop.shell.Engine;
import dev.ktrdr.desktop.shell.TaskExecutor;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.data.ImportResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasets the console offers (the trigger bar's picker) and its imports: the same {@link
 * DataService} calls as the {@code /data} routes, off the UI thread. Methods run on the UI thread.
 */
public final class DatasetsModel {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetsModel.class);

  /**
   * What an import came to, in words: the report's findings, or the one reason nothing was kept.
   */
  public record ImportOutcome(boolean ok, String datasetId, List<String> lines) {}

  private final Engine engine;
  private final TaskExecutor executor;
  private final ObservableList<DatasetChoice> choices =
      FXCollections.observableArrayList(DatasetChoice.BY_DESIGN);

  public DatasetsModel(Engine engine, TaskExecutor executor) {
    this.engine = engine;
    this.executor = executor;
  }

  /** "Chosen by the design" first, then every dataset (bundled, then imported). */
  public ObservableList<DatasetChoice> choices() {
    return choices;
  }

  /** Reads the dataset list again; a console without datasets keeps only the default. */
  public void refresh() {
    if (!engine.ready()) {
      return;
    }
    executor.execute(
        () -> engine.backend().datasets(),
        this::show,
        e -> LOG.warn("Could not list the datasets: {}", e.getMessage()));
  }

  private void show(List<DatasetSummary> list) {
    List<DatasetChoice> next = new ArrayList<>();
    next.add(DatasetChoice.BY_DESIGN);
    list.forEach(d -> next.add(DatasetChoice.of(d)));
    if (!next.equals(choices)) {
      choices.setAll(next);
    }
  }

  /**
   * Imports the CSV file as a new dataset (all bars or none), then refreshes the list; {@code done}
   * gets the outcome on the UI thread.
   *
   * @param name the new dataset's id, or blank for {@code symbol-timeframe}
   */
  public void importFile(
      Path file, String symbol, String timeframe, String name, Consumer<ImportOutcome> done) {
    executor.execute(
        () -> {
          String csv = Files.readString(file, StandardCharsets.UTF_8);
          return engine
              .backend()
              .importCsv(
                  csv,
                  file.getFileName().toString(),
                  blankToNull(symbol),
                  blankToNull(timeframe),
                  blankToNull(name));
        },
        (ImportResult r) -> {
          List<String> lines = new ArrayList<>();
          lines.add(
              "Dataset "
                  + r.dataset().id()
                  + " ("
                  + r.dataset().symbol()
                  + " "
                  + r.dataset().timeframe().label()
                  + ")");
          lines.addAll(r.report().describe());
          refresh();
          done.accept(new ImportOutcome(true, r.dataset().id(), lines));
        },
        e -> {
          String why =
              e instanceof IOException
                  ? "Cannot read " + file + ": " + e.getMessage()
                  : e instanceof RuntimeException && e.getMessage() != null
                      ? e.getMessage()
                      : "Import failed: " + e;
          if (!(e instanceof RuntimeException) && !(e instanceof IOException)) {
            LOG.warn("Import of {} failed", file, e);
          }
          done.accept(new ImportOutcome(false, null, List.of(why)));
        });
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
