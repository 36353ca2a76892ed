package dev.ktrdr.agent;

import dev.ktrdr.research.CancelSignal;
import dev.ktrdr.research.backtest.BacktestConfig;
import dev.ktrdr.research.backtest.BacktestResult;
import dev.ktrdr.research.backtest.ManualBacktest;
import dev.ktrdr.research.data.Dataset;
import dev.ktrdr.research.data.DatasetCatalog;
import dev.ktrdr.research.data.DatasetSummary;
import dev.ktrdr.research.data.ImportResult;
import dev.ktrdr.research.design.DatasetChooser;
import dev.ktrdr.research.design.DesignException;
import dev.ktrdr.research.design.DesignRequest;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price data a research or a backtest can use, for every face (the API, the window, and through
 * the API the CLI): the bundled datasets and the imported ones ({@link DatasetCatalog}), imports of
 * CSV text, one backtest by hand, and the check of a trigger's dataset. Thread-safe; every method
 * blocks for its reads and writes (an import for its commits, a backtest for its computation), so
 * call them off the FX thread.
 *
 * <p>Failures are the research library's exceptions, each with a message a user can act on: {@link
 * dev.ktrdr.research.data.CsvImportException} (names the line), {@link
 * dev.ktrdr.research.data.DatasetExistsException}, {@link
 * dev.ktrdr.research.data.UnknownDatasetException} and {@link IllegalArgumentException} for a bad
 * symbol, timeframe, id, strategy, parameter or commission.
 */
public final class DataService implements DatasetResolver {
  private static final Logger log = LoggerFactory.getLogger(DataService.class);

  private final DatasetCatalog catalog;

  public DataService(DatasetCatalog catalog) {
    this.catalog = catalog;
  }

  /** The catalog, for the workers and agents that read bars. */
  public DatasetCatalog catalog() {
    return catalog;
  }

  /** Bundled datasets first, then the imported ones by id. */
  public List<DatasetSummary> list() {
    return catalog.list();
  }

  /**
   * Imports CSV text as a new dataset and stores it (all bars or none).
   *
   * @param fileName names the data in messages and in the dataset's source, e.g. {@code msft.csv}
   * @param datasetId the new id, or null for {@code symbol-timeframe} ({@code msft-1d})
   */
  public ImportResult importCsv(
      String csv, String fileName, String symbol, String timeframe, String datasetId) {
    String name = fileName == null || fileName.isBlank() ? "upload.csv" : fileName.strip();
    ImportResult result =
        catalog.importCsv(new StringReader(csv), name, symbol, timeframe, datasetId, false);
    log.info(
        "Imported dataset {} ({} {}, {} bars) from {}",
        result.dataset().id(),
        result.dataset().symbol(),
        result.dataset().timeframe().label(),
        result.dataset().size(),
        name);
    return result;
  }

  /**
   * One rule-based strategy on a whole dataset, with the backtest phase's engine and conventions.
   *
   * @param params the strategy's parameters as typed ({@code fast=10})
   * @param commission fraction of traded value per fill; null for the default (0.002)
   */
  public BacktestResult backtest(
      String datasetId,
      String strategy,
      Map<String, String> params,
      boolean longShort,
      Double commission) {
    Dataset dataset = catalog.get(datasetId);
    return ManualBacktest.run(
        dataset,
        strategy,
        params,
        longShort,
        commission == null ? BacktestConfig.DEFAULT_COMMISSION : commission,
        CancelSignal.NONE);
  }

  @Override
  public String resolve(String datasetId, String symbol, String timeframe) {
    if (datasetId == null && symbol == null && timeframe == null) {
      return null;
    }
    try {
      return DatasetChooser.choose(
              new DesignRequest("", 0, datasetId, symbol, timeframe, catalog.list(), null))
          .dataset()
          .id();
    } catch (DesignException | IllegalArgumentException e) {
      throw new ValidationException(e.getMessage());
    }
  }
}
