package dev.ktrdr.api;

import dev.ktrdr.agent.DataService;
import dev.ktrdr.research.ResearchCancelledException;
import dev.ktrdr.research.backtest.BacktestResult;
import dev.ktrdr.research.data.CsvImportException;
import dev.ktrdr.research.data.DatasetExistsException;
import dev.ktrdr.research.data.ImportResult;
import dev.ktrdr.research.data.UnknownDatasetException;
import dev.ktrdr.wire.BacktestRequest;
import dev.ktrdr.wire.DatasetList;
import dev.ktrdr.wire.ImportRequest;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code /data} and {@code /backtest} routes: thin adapters onto {@link DataService}. */
final class DataEndpoints {
  private final DataService data;
  private final Requests requests;
  private final Requests imports;

  /**
   * {@code imports} reads import bodies (CSV text, far larger than any other body); {@code
   * requests} the others.
   */
  DataEndpoints(DataService data, Requests requests, Requests imports) {
    this.data = data;
    this.requests = requests;
    this.imports = imports;
  }

  /** 200: every dataset, bundled first. */
  void list(Context ctx) {
    Requests.onlyKnownQueryParams(ctx, Set.of());
    ctx.json(
        DatasetList.of(
            data.list().stream().map(WireMapping::dataset).collect(Collectors.toList())));
  }

  /**
   * 201 with the new dataset and the import's report; 422 for a file that cannot be imported (the
   * message names the line and the problem; nothing is stored) or a bad symbol, timeframe or name;
   * 409 when the name is taken.
   */
  void importCsv(Context ctx) {
    ImportRequest body = imports.body(ctx, ImportRequest.class, null);
    if (body == null) {
      throw ApiException.unprocessable(
          "The body must be a JSON object with the fields csv, symbol, timeframe (and optionally"
              + " name, file_name)");
    }
    required(body.csv(), "csv");
    required(body.symbol(), "symbol");
    required(body.timeframe(), "timeframe");
    ImportResult result;
    try {
      result =
          data.importCsv(body.csv(), body.fileName(), body.symbol(), body.timeframe(), body.name());
    } catch (CsvImportException | IllegalArgumentException e) {
      throw ApiException.unprocessable(e.getMessage());
    } catch (DatasetExistsException e) {
      throw new ApiException(409, e.getMessage());
    }
    ctx.status(201).json(WireMapping.imported(result));
  }

  /** 200 with the metrics, curve and trades; 422 for an unknown dataset or a bad strategy. */
  void backtest(Context ctx) {
    BacktestRequest body = requests.body(ctx, BacktestRequest.class, null);
    if (body == null) {
      throw ApiException.unprocessable(
          "The body must be a JSON object with the fields dataset, strategy (and optionally"
              + " params, long_short, commission)");
    }
    required(body.dataset(), "dataset");
    required(body.strategy(), "strategy");
    Map<String, Double> params = body.params() == null ? Map.of() : body.params();
    Map<String, String> typed = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> {
          if (v == null) {
            throw ApiException.unprocessable("Parameter '" + k + "' must be a number, not null");
          }
          typed.put(k, BigDecimal.valueOf(v).toPlainString());
        });
    BacktestResult result;
    try {
      result =
          data.backtest(
              body.dataset().strip(),
              body.strategy().strip(),
              typed,
              Boolean.TRUE.equals(body.longShort()),
              body.commission());
    } catch (UnknownDatasetException | IllegalArgumentException e) {
      throw ApiException.unprocessable(e.getMessage());
    } catch (ResearchCancelledException e) {
      throw new ApiException(503, "The backtest was stopped: the server is shutting down");
    }
    ctx.json(WireMapping.backtest(body.dataset().strip(), body.strategy().strip(), params, result));
  }

  private static void required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.unprocessable("Missing required field '" + field + "'");
    }
  }
}
