package dev.ktrdr.research.data;

import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * All datasets a research or a backtest can use: the {@link BundledDatasets} and those imported
 * into a {@link DatasetStore}. Bundled ids cannot be imported over.
 */
public final class DatasetCatalog {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private final DatasetStore store;

  public DatasetCatalog(DatasetStore store) {
    this.store = store;
  }

  /** Bundled datasets first, then the imported ones by id. */
  public List<DatasetSummary> list() {
    List<DatasetSummary> out = new ArrayList<>();
    for (Dataset d : BundledDatasets.all()) {
      out.add(d.summary());
    }
    out.addAll(store.list());
    return out;
  }

  /** The dataset {@code id}, bundled or imported. */
  public Optional<Dataset> find(String id) {
    Optional<Dataset> bundled = BundledDatasets.find(id);
    return bundled.isPresent() ? bundled : store.find(id);
  }

  /**
   * The dataset {@code id}.
   *
   * @throws UnknownDatasetException listing the ids there are
   */
  public Dataset get(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new UnknownDatasetException(id, list().stream().map(DatasetSummary::id).toList()));
  }

  /**
   * Imports a CSV file and stores it.
   *
   * @param id the new dataset's id, or null for {@link #defaultId}
   * @param replace whether an imported dataset of the same id may be replaced
   * @throws CsvImportException for a file that cannot be imported (nothing is stored)
   * @throws IllegalArgumentException for a bad id, symbol or timeframe
   * @throws DatasetExistsException if the id is taken and {@code replace} is false
   */
  public ImportResult importFile(
      Path file, String symbol, String timeframe, String id, boolean replace) {
    Timeframe tf = Timeframe.parse(timeframe);
    String datasetId = checkedId(id, symbol, tf);
    ImportResult result = CsvImporter.importFile(file, datasetId, symbol, tf);
    store.save(result.dataset(), result.report(), replace);
    return result;
  }

  /** Like {@link #importFile} for CSV text (e.g. an upload); {@code name} names it. */
  public ImportResult importCsv(
      Reader csv, String name, String symbol, String timeframe, String id, boolean replace) {
    Timeframe tf = Timeframe.parse(timeframe);
    String datasetId = checkedId(id, symbol, tf);
    ImportResult result = CsvImporter.importCsv(csv, name, datasetId, symbol, tf);
    store.save(result.dataset(), result.report(), replace);
    return result;
  }

  /** The id an import gets when none is given: {@code msft-1d} for MSFT daily bars. */
  public static String defaultId(String symbol, Timeframe timeframe) {
    String s = symbol == null ? "" : symbol.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (s.isEmpty()) {
      throw new IllegalArgumentException("a symbol is required");
    }
    return s + "-" + timeframe.label();
  }

  private static String checkedId(String id, String symbol, Timeframe tf) {
    if (symbol == null || symbol.isBlank()) {
      throw new IllegalArgumentException("a symbol is required");
    }
    String datasetId = id == null || id.isBlank() ? defaultId(symbol, tf) : id.trim();
    if (!ID.matcher(datasetId).matches()) {
      throw new IllegalArgumentException(
          "dataset id '"
              + datasetId
              + "' must be 1-64 lower-case letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit");
    }
    if (BundledDatasets.isBundled(datasetId)) {
      throw new IllegalArgumentException(
          "dataset id '" + datasetId + "' belongs to a bundled dataset; choose another id");
    }
    return datasetId;
  }
}
